package io.cohortflow.radiomics;

import java.util.Collections;
import java.util.Map;

/**
 * An ROI after the IBSI processing chain: the interpolated (and rounded) image cropped to the ROI
 * with a margin, the morphological mask (after interpolation, before re-segmentation) and the
 * intensity mask (after re-segmentation) on the same voxels, and the diagnostics of every step.
 * The feature families read this; discretisation turns it into a {@link DiscretisedImage}.
 */
public final class ProcessedRoi {
  private final ImageVolume image;
  private final boolean[] morphologicalMask;
  private final boolean[] intensityMask;
  private final ProcessingSettings settings;
  private final Map<String, Double> diagnostics;

  public ProcessedRoi(ImageVolume image, boolean[] morphologicalMask, boolean[] intensityMask,
      ProcessingSettings settings, Map<String, Double> diagnostics) {
    if (morphologicalMask.length != image.size() || intensityMask.length != image.size()) {
      throw new IllegalArgumentException("masks do not match the image size");
    }
    this.image = image;
    this.morphologicalMask = morphologicalMask;
    this.intensityMask = intensityMask;
    this.settings = settings;
    this.diagnostics = Collections.unmodifiableMap(diagnostics);
  }

  public ImageVolume image() { return image; }

  /** Shared, not copied. */
  public boolean[] morphologicalMask() { return morphologicalMask; }

  /** Shared, not copied. */
  public boolean[] intensityMask() { return intensityMask; }

  public ProcessingSettings settings() { return settings; }

  /** IBSI diagnostic tags (e.g. {@code int_mask_vox_count_reseg_roi}) to values, in step order. */
  public Map<String, Double> diagnostics() { return diagnostics; }

  /** Intensities of the voxels in the intensity mask, in index order. */
  public double[] intensities() {
    double[] v = image.voxels();
    int n = 0;
    for (boolean b : intensityMask) {
      if (b) {
        n++;
      }
    }
    double[] out = new double[n];
    int k = 0;
    for (int i = 0; i < v.length; i++) {
      if (intensityMask[i]) {
        out[k++] = v[i];
      }
    }
    return out;
  }

  /** The texture families' input: this ROI discretised with {@code discretisation}. */
  public DiscretisedImage discretise(Discretisation discretisation) {
    Discretisation.Levels levels = discretisation.apply(image.voxels(), intensityMask,
        settings.rangeLow());
    return new DiscretisedImage(image.nx(), image.ny(), image.nz(), image.spacing(),
        levels.levels(), morphologicalMask, levels.count());
  }
}
