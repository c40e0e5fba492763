package io.cohortflow.watch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The S3 consumer's in-progress repository, which it asks about each listed key before fetching
 * the object: a key is refused (not fetched) while {@link S3Staging} would leave its object where
 * it is anyway: staged already and waiting for its commit, or a trickle object while
 * {@code s3-max-staged} objects wait. camel-aws2-s3 fetches every other listed object, so without
 * this each poll fetched the waiting objects again only to drop their bodies unread. Keys being
 * fetched are held in memory, as the consumer's default repository holds them.
 */
final class S3ObjectsInProgress extends ServiceSupport implements IdempotentRepository {
  static final String REGISTRY_NAME = "cohortflowS3ObjectsInProgress";

  private final S3Staging staging;
  private final Set<String> fetching = ConcurrentHashMap.newKeySet();

  S3ObjectsInProgress(S3Staging staging) {
    this.staging = staging;
  }

  @Override
  public boolean add(String key) {
    return !staging.leavesWaiting(key) && fetching.add(key);
  }

  @Override
  public boolean contains(String key) {
    return fetching.contains(key) || staging.leavesWaiting(key);
  }

  @Override
  public boolean remove(String key) {
    return fetching.remove(key);
  }

  @Override
  public boolean confirm(String key) {
    return true;
  }

  @Override
  public void clear() {
    fetching.clear();
  }
}
