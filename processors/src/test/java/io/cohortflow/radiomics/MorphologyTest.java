package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MorphologyTest {
  @Test
  void aSingleVoxelMeshesToAnOctahedron() {
    SurfaceMesh mesh = SurfaceMesh.of(new boolean[] {true}, 1, 1, 1, new double[] {2, 2, 2});
    // vertices at the 6 face centres, 1 mm from the centre: volume 4/3 r^3, area 8 sqrt(3)/2 r^2
    assertThat(mesh.vertexCount()).isEqualTo(6);
    assertThat(mesh.volume()).isCloseTo(4.0 / 3, within(1e-12));
    assertThat(mesh.area()).isCloseTo(4 * Math.sqrt(3), within(1e-12));
  }

  @Test
  void aBoxMeshIsClosedAndItsHullMatchesTheBevelledBox() {
    int n = 4;
    boolean[] mask = new boolean[n * n * n];
    java.util.Arrays.fill(mask, true);
    SurfaceMesh mesh = SurfaceMesh.of(mask, n, n, n, new double[] {1, 1, 1});
    // a convex surface is its own hull
    ConvexHull hull = ConvexHull.of(mesh.halfVoxelVertices());
    double[] volumeArea = hull.volumeAndArea(new double[] {0.5, 0.5, 0.5});
    assertThat(volumeArea[0]).isCloseTo(mesh.volume(), within(1e-9));
    assertThat(volumeArea[1]).isCloseTo(mesh.area(), within(1e-9));
    // the 4x4x4 box minus 12 edge wedges (3 long, section 1/8) and 8 corner cubes of 1/8 of
    // which a tetrahedron of 1/48 stays inside
    assertThat(mesh.volume()).isCloseTo(64 - 12 * 3 * 0.125 - 8 * (0.125 - 0.125 / 6),
        within(1e-9));
  }

  @Test
  void moranAndGearyByFftEqualTheDirectPairSums() {
    int nx = 9;
    int ny = 7;
    int nz = 5;
    Random random = new Random(3);
    double[] values = new double[nx * ny * nz];
    double[] mask = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt(50) + (i % nx) * 3;
      mask[i] = random.nextDouble() < 0.7 ? 1 : 0;
    }
    ImageVolume image = ImageVolume.of(nx, ny, nz, new double[] {0.8, 1.1, 2.5}, values);
    ProcessedRoi roi = new ProcessingChain(ProcessingSettings.none(), false)
        .run(image, image.withVoxels(mask));
    double[] direct = SpatialAutocorrelation.compute(roi, false);
    double[] fft = SpatialAutocorrelation.compute(roi, true);
    assertThat(fft[0]).isCloseTo(direct[0], within(1e-9));
    assertThat(fft[1]).isCloseTo(direct[1], within(1e-9));
    assertThat(direct[0]).isGreaterThan(0);
  }

  @Test
  void ellipsoidAreaSeriesIsExactForSpheresAndCloseForNearSpheres() {
    assertThat(Morphology.ellipsoidArea(2, 2, 2)).isCloseTo(16 * Math.PI, within(1e-9));
    // Knud Thomsen's formula (error below 1.1 %) for a near-spherical ellipsoid, as tumours are
    double p = 1.6075;
    double thomsen = 4 * Math.PI * Math.pow((Math.pow(2 * 1.9, p) + Math.pow(2 * 1.8, p)
        + Math.pow(1.9 * 1.8, p)) / 3, 1 / p);
    assertThat(Morphology.ellipsoidArea(2, 1.9, 1.8)).isCloseTo(thomsen, within(0.011 * thomsen));
  }
}
