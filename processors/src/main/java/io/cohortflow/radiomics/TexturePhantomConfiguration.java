package io.cohortflow.radiomics;

/**
 * The IBSI chapter-1 CT-phantom configurations A–D as far as texture needs them: the processing
 * chain's settings, the texture discretisation and the texture aggregations (2-D and 2.5-D for A
 * and B, 3-D for C and D). The texture conformance test and {@code cohortflow bench texture} run
 * them.
 */
public enum TexturePhantomConfiguration {
  A(new ProcessingSettings(null, Interpolation.LINEAR, Double.NaN, Interpolation.LINEAR, 0.5,
      -500, 400, false), new Discretisation(Discretisation.Type.FBS, 25), TextureSettings.twoD()),
  B(new ProcessingSettings(new double[] {2, 2, 0}, Interpolation.LINEAR, 1, Interpolation.LINEAR,
      0.5, -500, 400, false), new Discretisation(Discretisation.Type.FBN, 32),
      TextureSettings.twoD()),
  C(new ProcessingSettings(new double[] {2, 2, 2}, Interpolation.LINEAR, 1, Interpolation.LINEAR,
      0.5, -1000, 400, false), new Discretisation(Discretisation.Type.FBS, 25),
      TextureSettings.threeD()),
  D(new ProcessingSettings(new double[] {2, 2, 2}, Interpolation.LINEAR, 1, Interpolation.LINEAR,
      0.5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, true),
      new Discretisation(Discretisation.Type.FBN, 32), TextureSettings.threeD());

  private final ProcessingSettings processing;
  private final Discretisation discretisation;
  private final TextureSettings texture;

  TexturePhantomConfiguration(ProcessingSettings processing, Discretisation discretisation,
      TextureSettings texture) {
    this.processing = processing;
    this.discretisation = discretisation;
    this.texture = texture;
  }

  public ProcessingSettings processing() { return processing; }

  public Discretisation discretisation() { return discretisation; }

  public TextureSettings texture() { return texture; }

  /** Runs the processing chain and the discretisation on an image and its ROI mask. */
  public DiscretisedImage discretise(ImageVolume image, ImageVolume mask) {
    return new ProcessingChain(processing, false).run(image, mask).discretise(discretisation);
  }
}
