package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * IBSI conformance of every texture feature and aggregation variant on the digital phantom: its
 * voxel values (1, 3, 4, 6) are the grey levels (N_g = 6), the mask is both the intensity and the
 * morphological mask, GLCM distance 1. Checked twice: straight from the voxels, and through the
 * whole engine with {@code config/ibsi/digital-phantom.json} (FBS width 1, 2-D and 3-D variants).
 */
class TextureDigitalPhantomConformanceTest {

  static DiscretisedImage digitalPhantom() {
    Path folder = SharedData.resolve("data/ibsi/digital_phantom");
    ImageVolume image = VolumeLoader.read(folder.resolve("image.nii.gz"));
    ImageVolume mask = VolumeLoader.read(folder.resolve("mask.nii.gz"));
    int[] levels = new int[image.size()];
    boolean[] roi = new boolean[levels.length];
    for (int i = 0; i < levels.length; i++) {
      roi[i] = mask.voxels()[i] > 0;
      levels[i] = roi[i] ? (int) image.voxels()[i] : 0;
    }
    return new DiscretisedImage(image.nx(), image.ny(), image.nz(), image.spacing(), levels, roi,
        6);
  }

  @Test
  void everyTextureVariantMatchesTheReference() throws IOException {
    List<TextureReference.Row> rows = references();
    Map<String, Double> computed =
        TextureFeatures.compute(digitalPhantom(), TextureSettings.all());

    List<TextureReference.Outcome> outcomes = TextureReference.check(rows, computed);
    System.out.println(TextureReference.table("IBSI digital phantom, texture", outcomes));

    // The phantom has a reference value for every texture tag the engine computes, and only those.
    assertThat(rows.stream().map(TextureReference.Row::tag).collect(Collectors.toSet()))
        .isEqualTo(computed.keySet());
    assertFailures(outcomes).isEmpty();
  }

  @Test
  void theWholeEngineWithTheIbsiSettingsFileMatchesTheReference() throws IOException {
    List<TextureReference.Row> rows = references();
    Map<String, Double> computed = TextureIbsiCases.digitalPhantom();

    List<TextureReference.Outcome> outcomes = TextureReference.check(
        rows.stream().filter(r -> computed.containsKey(r.tag())).collect(Collectors.toList()),
        computed);
    System.out.println(TextureReference.table(
        "IBSI digital phantom through config/ibsi/digital-phantom.json, texture", outcomes));

    assertThat(outcomes).hasSizeGreaterThanOrEqualTo(136);
    assertFailures(outcomes).isEmpty();
  }

  private static List<TextureReference.Row> references() throws IOException {
    return TextureReference.read(
        SharedData.resolve("data/ibsi/digital_phantom/reference_values.csv"), null);
  }

  private static org.assertj.core.api.ListAssert<String> assertFailures(
      List<TextureReference.Outcome> outcomes) {
    return assertThat(outcomes.stream().filter(o -> !o.passed()).map(o -> o.row().tag()
        + "=" + o.value() + " (reference " + o.row().reference() + ")")
        .collect(Collectors.toList()));
  }
}
