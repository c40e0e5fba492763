package io.cohortflow.annotations;

/**
 * nidataset's {@code target_size (H, W)}: the 2-D size slices are padded to. Annotations are
 * shifted by the top/left padding ({@code (H - h) / 2}, {@code (W - w) / 2}); the odd pixel goes
 * to the bottom/right.
 */
public record TargetSize(int height, int width) {

  /** Parses {@code H,W}, or a usage error. */
  public static TargetSize parse(String value) {
    String[] parts = value.split(",", -1);
    try {
      if (parts.length == 2) {
        TargetSize size = new TargetSize(Integer.parseInt(parts[0].trim()),
            Integer.parseInt(parts[1].trim()));
        if (size.height > 0 && size.width > 0) {
          return size;
        }
      }
    } catch (NumberFormatException e) {
      // reported below with the expected form
    }
    throw new AnnotationUsageException("invalid target_size '" + value
        + "'. Expected two positive integers H,W.");
  }

  /** Rows of padding above a slice of height {@code h}; fails when the slice is larger. */
  int top(int h, int w) throws AnnotationInputException {
    check(h, w);
    return (height - h) / 2;
  }

  /** Columns of padding left of a slice of width {@code w}; fails when the slice is larger. */
  int left(int h, int w) throws AnnotationInputException {
    check(h, w);
    return (width - w) / 2;
  }

  void check(int h, int w) throws AnnotationInputException {
    if (height < h || width < w) {
      throw new AnnotationInputException("target_size (" + height + ", " + width
          + ") is smaller than slice dimensions (" + h + ", " + w
          + "). Target size must be >= slice dimensions.");
    }
  }
}
