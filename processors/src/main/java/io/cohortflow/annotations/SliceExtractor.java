package io.cohortflow.annotations;

import io.cohortflow.nifti.NiftiImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * nidataset's {@code extract_slices}: every slice of a 3-D volume along the view's axis, empty ones
 * too, as a float32 TIFF {@code <file name>_<view>_<slice:03>.tif}, padded to the target size with
 * the pad value (top/left padding {@code (H - h) / 2}, {@code (W - w) / 2}). Rows are the view's
 * 2-D Y axis and columns its 2-D X axis; values are the scaled voxels, not normalised.
 */
public final class SliceExtractor {
  private final SliceOptions options;

  public SliceExtractor(SliceOptions options) {
    this.options = options;
  }

  /** Checks that a volume can be sliced as asked: 3-D, single channel, fits the target size. */
  public void check(NiftiImage volume) throws AnnotationInputException {
    AnnotationExtractor.requireVolume(volume);
    if (options.targetSize() != null) {
      View view = options.view();
      options.targetSize().check(volume.size(view.rowAxis()), volume.size(view.columnAxis()));
    }
  }

  /**
   * Writes every slice of {@code volume} into {@code folder}; returns the number of slices.
   *
   * @param stem the file name without {@code .nii}/{@code .nii.gz} ({@code _bbox} kept)
   */
  public int write(NiftiImage volume, Path folder, String stem)
      throws IOException, AnnotationInputException {
    check(volume);
    Files.createDirectories(folder);
    View view = options.view();
    int h = volume.size(view.rowAxis());
    int w = volume.size(view.columnAxis());
    TargetSize target = options.targetSize() == null ? new TargetSize(h, w) : options.targetSize();
    int top = target.top(h, w);
    int left = target.left(h, w);
    int[] stride = {1, volume.size(0), volume.size(0) * volume.size(1)};
    int slices = volume.size(view.sliceAxis());
    float[] pixels = new float[target.height() * target.width()];
    for (int slice = 0; slice < slices; slice++) {
      Arrays.fill(pixels, options.padValue());
      int base = slice * stride[view.sliceAxis()];
      for (int row = 0; row < h; row++) {
        int rowBase = base + row * stride[view.rowAxis()];
        int out = (row + top) * target.width() + left;
        for (int col = 0; col < w; col++) {
          pixels[out + col] = (float) volume.scaled(rowBase + col * stride[view.columnAxis()]);
        }
      }
      String name = stem + "_" + view.label() + "_" + String.format("%03d", slice) + ".tif";
      Float32Tiff.write(folder.resolve(name), pixels, target.height(), target.width());
    }
    return slices;
  }
}
