package io.cohortflow.radiomics;

import io.cohortflow.nifti.NiftiImage;
import io.cohortflow.nifti.NiftiReader;
import io.cohortflow.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The IBSI CT phantom (NIfTI image and GTV-1 mask) and the processing of its configurations A–D
 * as IBSI chapter 1 fixes them, through the engine's processing chain, up to the discretised ROI.
 */
final class TextureCtPhantom {
  /** One configuration: processing settings, discretisation and texture aggregations. */
  enum Configuration {
    A(new ProcessingSettings(null, Interpolation.LINEAR, Double.NaN, Interpolation.LINEAR, 0.5,
        -500, 400, false), new Discretisation(Discretisation.Type.FBS, 25),
        TextureSettings.twoD()),
    B(new ProcessingSettings(new double[] {2, 2, 0}, Interpolation.LINEAR, 1,
        Interpolation.LINEAR, 0.5, -500, 400, false),
        new Discretisation(Discretisation.Type.FBN, 32), TextureSettings.twoD()),
    C(new ProcessingSettings(new double[] {2, 2, 2}, Interpolation.LINEAR, 1,
        Interpolation.LINEAR, 0.5, -1000, 400, false),
        new Discretisation(Discretisation.Type.FBS, 25), TextureSettings.threeD()),
    D(new ProcessingSettings(new double[] {2, 2, 2}, Interpolation.LINEAR, 1,
        Interpolation.LINEAR, 0.5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, true),
        new Discretisation(Discretisation.Type.FBN, 32), TextureSettings.threeD());

    final ProcessingSettings processing;
    final Discretisation discretisation;
    final TextureSettings texture;

    Configuration(ProcessingSettings processing, Discretisation discretisation,
        TextureSettings texture) {
      this.processing = processing;
      this.discretisation = discretisation;
      this.texture = texture;
    }
  }

  private final ImageVolume image;
  private final ImageVolume mask;

  private TextureCtPhantom(ImageVolume image, ImageVolume mask) {
    this.image = image;
    this.mask = mask;
  }

  /** Loads the phantom from the shared folder (the test skips without it). */
  static TextureCtPhantom load() throws IOException {
    Path folder = SharedData.resolve("data/ibsi/ct_phantom/nifti");
    return new TextureCtPhantom(volume(NiftiReader.read(folder.resolve("image/phantom.nii.gz"))),
        volume(NiftiReader.read(folder.resolve("mask/mask.nii.gz"))));
  }

  private static ImageVolume volume(NiftiImage nifti) {
    double[] voxels = new double[(int) nifti.voxelCount()];
    for (int i = 0; i < voxels.length; i++) {
      voxels[i] = nifti.scaled(i);
    }
    double[] pixdim = nifti.header().pixdim();
    return ImageVolume.of(nifti.size(0), nifti.size(1), nifti.size(2),
        new double[] {pixdim[1], pixdim[2], pixdim[3]}, voxels);
  }

  /** The discretised ROI of a configuration. */
  DiscretisedImage discretised(Configuration configuration) {
    return new ProcessingChain(configuration.processing, false).run(image, mask)
        .discretise(configuration.discretisation);
  }
}
