package io.cohortflow.radiomics;

/**
 * A texture matrix that can be merged with others of its kind (IBSI "merged" aggregation: counts
 * add up) and turned into its family's features.
 *
 * @param <M> the concrete matrix type
 */
interface TextureMatrix<M extends TextureMatrix<M>> {
  /** A new matrix holding the same counts, to merge others into. */
  M copy();

  /** Adds the counts of another matrix of the same family to this one. */
  void add(M other);

  /** True when the matrix holds no counts, so that it has no features. */
  boolean isEmpty();

  /** The family's features, in {@link TextureFamily#features()} order. */
  double[] features();
}
