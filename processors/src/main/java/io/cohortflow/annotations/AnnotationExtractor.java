package io.cohortflow.annotations;

import io.cohortflow.nifti.NiftiImage;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns one labelled mask into annotations as nidataset's {@code extract_annotations} does: one box
 * per distinct positive value (or per connected component with {@link ComponentSplit}), after
 * checking that the mask is 3-D and fits the target size of the chosen view.
 */
public final class AnnotationExtractor {
  private final AnnotationOptions options;

  public AnnotationExtractor(AnnotationOptions options) {
    this.options = options;
  }

  public Annotations extract(NiftiImage mask) throws AnnotationInputException {
    requireVolume(mask);
    if (options.targetSize() != null) {
      View view = options.view();
      options.targetSize().check(mask.size(view.rowAxis()), mask.size(view.columnAxis()));
    }
    List<LabelBox> boxes = switch (options.split()) {
      case NONE -> LabelScanner.scan(mask);
      case COMPONENTS3D -> ComponentLabeler.components(mask, -1);
      case COMPONENTS2D -> ComponentLabeler.components(mask, options.view().sliceAxis());
    };
    return new Annotations(mask.shape(), affine(mask), boxes);
  }

  /** The affine when world coordinates are asked for (an invalid qform is then an input error). */
  private double[][] affine(NiftiImage mask) throws AnnotationInputException {
    if (!options.physical()) {
      return new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    }
    try {
      return mask.header().affine();
    } catch (IllegalStateException e) {
      throw new AnnotationInputException("no usable affine for world coordinates: "
          + e.getMessage());
    }
  }

  /** Rejects anything but a single-channel 3-D volume, with nidataset's message. */
  static void requireVolume(NiftiImage mask) throws AnnotationInputException {
    if (mask.ndim() != 3) {
      throw new AnnotationInputException("expected a 3D NIfTI file. Got shape '"
          + pythonTuple(mask.shape()) + "' instead.");
    }
    if (mask.channels() != 1) {
      throw new AnnotationInputException("expected a single-channel mask, got "
          + mask.datatype() + " voxels");
    }
  }

  private static String pythonTuple(int[] shape) {
    String items = Arrays.stream(shape).mapToObj(Integer::toString)
        .collect(Collectors.joining(", "));
    return "(" + items + (shape.length == 1 ? ",)" : ")");
  }
}
