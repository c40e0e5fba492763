package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.nifti.NiftiImage;
import io.cohortflow.nifti.NiftiReader;
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
 * morphological mask, GLCM distance 1.
 */
class TextureDigitalPhantomConformanceTest {

  static DiscretisedImage digitalPhantom() throws IOException {
    Path folder = SharedData.resolve("data/ibsi/digital_phantom");
    NiftiImage image = NiftiReader.read(folder.resolve("image.nii.gz"));
    NiftiImage mask = NiftiReader.read(folder.resolve("mask.nii.gz"));
    int nx = image.size(0);
    int ny = image.size(1);
    int nz = image.size(2);
    int[] levels = new int[nx * ny * nz];
    boolean[] roi = new boolean[levels.length];
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          int i = image.index(x, y, z);
          roi[i] = mask.scaled(mask.index(x, y, z)) > 0;
          levels[i] = roi[i] ? (int) image.scaled(i) : 0;
        }
      }
    }
    double[] pixdim = image.header().pixdim();
    return new DiscretisedImage(nx, ny, nz, new double[] {pixdim[1], pixdim[2], pixdim[3]},
        levels, roi, 6);
  }

  @Test
  void everyTextureVariantMatchesTheReference() throws IOException {
    Path csv = SharedData.resolve("data/ibsi/digital_phantom/reference_values.csv");
    List<TextureReference.Row> rows = TextureReference.read(csv, null);
    Map<String, Double> computed =
        TextureFeatures.compute(digitalPhantom(), TextureSettings.all());

    List<TextureReference.Outcome> outcomes = TextureReference.check(rows, computed);
    System.out.println(TextureReference.table("IBSI digital phantom, texture", outcomes));

    // The phantom has a reference value for every texture tag the engine computes, and only those.
    assertThat(rows.stream().map(TextureReference.Row::tag).collect(Collectors.toSet()))
        .isEqualTo(computed.keySet());
    assertThat(outcomes.stream().filter(o -> !o.passed()).map(o -> o.row().tag()
        + "=" + o.value() + " (reference " + o.row().reference() + ")")).isEmpty();
  }
}
