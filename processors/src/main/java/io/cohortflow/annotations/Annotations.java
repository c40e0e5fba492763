package io.cohortflow.annotations;

import java.util.List;

/**
 * What {@link AnnotationExtractor} found in one mask: the volume's shape, its voxel-to-world
 * affine (for the optional world coordinates) and one box per annotation, in label order.
 */
public record Annotations(int[] shape, double[][] affine, List<LabelBox> boxes) {

  public Annotations {
    shape = shape.clone();
    affine = new double[][] {affine[0].clone(), affine[1].clone(), affine[2].clone(),
        affine[3].clone()};
    boxes = List.copyOf(boxes);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** World coordinates (mm) of a voxel position given as fractional i, j, k indices. */
  public double[] world(double[] ijk) {
    double[] xyz = new double[3];
    for (int row = 0; row < 3; row++) {
      xyz[row] = affine[row][0] * ijk[0] + affine[row][1] * ijk[1] + affine[row][2] * ijk[2]
          + affine[row][3];
    }
    return xyz;
  }
}
