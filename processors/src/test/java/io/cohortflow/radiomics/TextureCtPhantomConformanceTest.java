package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IBSI conformance of the texture families on the CT phantom through the full processing chain:
 * configurations A and B in their 2-D and 2.5-D variants, C and D in their 3-D variants.
 */
class TextureCtPhantomConformanceTest {
  private static ImageVolume image;
  private static ImageVolume mask;

  @BeforeAll
  static void loadPhantom() throws IOException {
    Path folder = SharedData.resolve("data/ibsi/ct_phantom/nifti");
    image = TextureBenchmark.readVolume(folder.resolve("image/phantom.nii.gz"));
    mask = TextureBenchmark.readVolume(folder.resolve("mask/mask.nii.gz"));
  }

  @ParameterizedTest
  @EnumSource(TexturePhantomConfiguration.class)
  void everyTextureVariantMatchesTheReference(TexturePhantomConfiguration configuration)
      throws IOException {
    Path csv = SharedData.resolve("data/ibsi/ct_phantom/reference_values_A-D.csv");
    List<TextureReference.Row> rows = TextureReference.read(csv, configuration.name());
    Map<String, Double> computed = TextureFeatures.compute(
        configuration.discretise(image, mask), configuration.texture());

    List<TextureReference.Outcome> outcomes = TextureReference.check(rows, computed);
    System.out.println(TextureReference.table(
        "IBSI CT phantom, configuration " + configuration + ", texture", outcomes));

    assertThat(rows.stream().map(TextureReference.Row::tag).collect(Collectors.toSet()))
        .isEqualTo(computed.keySet());
    assertThat(outcomes.stream().filter(o -> !o.passed()).map(o -> o.row().tag()
        + "=" + o.value() + " (reference " + o.row().reference() + " ± " + o.row().tolerance()
        + ")")).isEmpty();
  }
}
