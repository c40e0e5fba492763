package io.cohortflow.watch;

import io.cohortflow.store.ExtractionWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Stages S3 objects into the local inbox, where the folder routes take them as if copied there:
 * the key relative to the prefix becomes the relative path (a key that is absolute or would leave
 * the inbox is refused), the object is recorded in the {@linkplain StagedObjects staged ledger},
 * then its body is written under a temporary name and renamed into the inbox. The object itself
 * stays where it is until {@link S3Archiver} sees its results committed. While
 * {@code s3-max-staged} objects wait for that, no more trickle objects are downloaded (a
 * dataset's objects are, since it is committed only once all of it is staged); a dataset's marker
 * object is held back until every other object of its dataset has been staged.
 */
final class S3Staging {
  private static final Logger LOG = LoggerFactory.getLogger(S3Staging.class);
  static final String ROUTE = "s3-inbox";
  private static final Set<String> RESERVED = Set.of("processed", "failed");

  private final WatchConfig config;
  private final S3Settings s3;
  private final S3Client client;
  private final ImportJob job;
  private final FailedInputs failed;
  private final StagedObjects staged;
  private final Path staging;

  S3Staging(WatchConfig config, S3Settings s3, S3Client client, ImportJob job,
      FailedInputs failed, StagedObjects staged) {
    this.config = config;
    this.s3 = s3;
    this.client = client;
    this.job = job;
    this.failed = failed;
    this.staged = staged;
    this.staging = config.inbox().resolve(".s3-staging");
  }

  /**
   * Stages one object, or leaves it for a later poll: one already staged, one beyond the
   * {@code s3-max-staged} limit, a dataset marker that came too early.
   */
  void stage(String key, String etag, InputStream body) throws IOException, SQLException {
    String relative = key.substring(s3.prefix().length());
    String refusal = refusal(relative);
    if (refusal != null) {
      refuse(key, refusal);
      return;
    }
    if (leavesWaiting(key)) {
      return;
    }
    if (isDatasetMarker(relative) && othersUnstaged(key)) {
      LOG.debug("Holding back {} until its dataset is staged", key);
      return;
    }
    Path target = AtomicFiles.inside(config.inbox(), relative);
    // What an earlier object of this key left locally must not be taken for this one's outcome.
    Files.deleteIfExists(AtomicFiles.inside(config.processedArea(), relative));
    Files.deleteIfExists(failed.target(relative));
    Files.deleteIfExists(failed.target(relative + FailedInputs.SIDECAR_SUFFIX));
    Files.createDirectories(staging);
    Path temp = Files.createTempFile(staging, "object", ".part");
    try {
      Files.copy(body, temp, StandardCopyOption.REPLACE_EXISTING);
      staged.add(new StagedObjects.Entry(key, etag == null ? "" : etag, relative));
      Files.createDirectories(target.getParent());
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Whether the object of {@code key} is left where it is for now: staged already (it waits for
   * its commit), or a trickle object while {@code s3-max-staged} objects wait. A dataset is
   * committed only once all of it is staged, so its objects never wait for room.
   */
  boolean leavesWaiting(String key) {
    return staged.contains(key) || (!isInDataset(key.substring(s3.prefix().length()))
        && staged.size() >= s3.maxStaged());
  }

  /** Why a relative key cannot be staged, or null when it can. */
  static String refusal(String relative) {
    if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\")
        || relative.indexOf('\0') >= 0) {
      return "key is empty, absolute or not a plain path";
    }
    String[] segments = relative.split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return "key has an empty, '.' or '..' segment and could leave the inbox";
      }
    }
    if (RESERVED.contains(segments[0]) || segments[0].startsWith(".")) {
      return "key would write into the inbox's " + segments[0] + " area";
    }
    return null;
  }

  private boolean isDatasetMarker(String relative) {
    String[] segments = relative.split("/");
    return segments.length == 3 && segments[0].equals(config.datasetsFolder())
        && segments[2].equals(config.readyMarker());
  }

  private boolean isInDataset(String relative) {
    return relative.startsWith(config.datasetsFolder() + "/");
  }

  private boolean othersUnstaged(String markerKey) {
    String datasetPrefix = markerKey.substring(0, markerKey.lastIndexOf('/') + 1);
    for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(s3.bucket())
        .prefix(datasetPrefix)).contents()) {
      if (!object.key().equals(markerKey) && !staged.contains(object.key())) {
        return true;
      }
    }
    return false;
  }

  private void refuse(String key, String reason) throws IOException, SQLException {
    String name = "s3/" + ExtractionWriter.pathHashHex(key);
    failed.describe(name, ROUTE, "stage", "s3://" + s3.bucket() + "/" + key + ": " + reason);
    job.recordFailure(key, "stage", reason);
    S3Archiver.move(client, s3.bucket(), key, null, s3.failedPrefix() + key);
    LOG.warn("Not staged: s3://{}/{} ({})", s3.bucket(), key, reason);
  }
}
