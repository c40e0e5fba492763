package io.cohortflow.watch;

/**
 * The S3 consumer's in-progress repository, which it asks about each listed key before fetching
 * the object: a key is refused (not fetched) while {@link S3Staging} would leave its object where
 * it is anyway: staged already and waiting for its commit, or a trickle object while
 * {@code s3-max-staged} objects wait. camel-aws2-s3 fetches every other listed object, so without
 * this each poll fetched the waiting objects again only to drop their bodies unread. Keys being
 * fetched are held as {@link InputsInProgress} holds them.
 */
final class S3ObjectsInProgress extends InputsInProgress {
  static final String REGISTRY_NAME = "cohortflowS3ObjectsInProgress";

  private final S3Staging staging;

  S3ObjectsInProgress(S3Staging staging) {
    this.staging = staging;
  }

  @Override
  public boolean add(String key) {
    return !staging.leavesWaiting(key) && super.add(key);
  }

  @Override
  public boolean contains(String key) {
    return super.contains(key) || staging.leavesWaiting(key);
  }
}
