package io.cohortflow.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Archives the staged S3 objects whose results are committed: an object whose file reached the
 * inbox's {@code processed/} area (its series, dataset or mask is in the database and its CSV
 * files are written) is moved to the processed prefix, or deleted with
 * {@code s3-delete-after-commit}; one whose file reached {@code failed/} is moved to the failed
 * prefix beside its {@code .error.txt} sidecar. The outbox is uploaded first (when an output
 * prefix is set), so an archived object's outputs are always in S3 too. Where an object's file is
 * is the whole state, read again at every pass, so a restart resumes where the last run stopped.
 */
final class S3Archiver {
  private static final Logger LOG = LoggerFactory.getLogger(S3Archiver.class);
  static final String ROUTE = "s3-archive";
  private static final int PRECONDITION_FAILED = 412;

  private enum Outcome { WAITING, COMMITTED, FAILED, LOST }

  private final WatchConfig config;
  private final S3Settings s3;
  private final S3Client client;
  private final FailedInputs failed;
  private final StagedObjects staged;
  private final S3Outbox outbox;

  /** {@code outbox} is null when no output prefix is set. */
  S3Archiver(WatchConfig config, S3Settings s3, S3Client client, FailedInputs failed,
      StagedObjects staged, S3Outbox outbox) {
    this.config = config;
    this.s3 = s3;
    this.client = client;
    this.failed = failed;
    this.staged = staged;
    this.outbox = outbox;
  }

  /** One pass: uploads new outputs, then archives every staged object whose outcome is known. */
  void archiveSettled() throws IOException {
    // Outcomes first, uploads second: an object counted as committed has its outputs uploaded.
    Map<StagedObjects.Entry, Outcome> settled = new LinkedHashMap<>();
    for (StagedObjects.Entry entry : staged.entries()) {
      Outcome outcome = outcome(entry.relativePath());
      if (outcome != Outcome.WAITING) {
        settled.put(entry, outcome);
      }
    }
    if (outbox != null) {
      outbox.upload();
    }
    int committed = 0;
    int refused = 0;
    for (Map.Entry<StagedObjects.Entry, Outcome> settledEntry : settled.entrySet()) {
      StagedObjects.Entry entry = settledEntry.getKey();
      switch (settledEntry.getValue()) {
        case COMMITTED -> {
          archive(entry, s3.deleteAfterCommit() ? null : s3.processedPrefix() + entry.key());
          committed++;
        }
        case FAILED -> {
          uploadSidecar(entry);
          archive(entry, s3.failedPrefix() + entry.key());
          refused++;
        }
        case LOST -> LOG.warn("s3://{}/{} was staged but its file is gone; staging it again",
            s3.bucket(), entry.key());
      }
      Files.deleteIfExists(AtomicFiles.inside(config.processedArea(), entry.relativePath()));
      staged.remove(entry.key());
    }
    if (committed + refused > 0) {
      LOG.info("S3: {} objects archived as committed, {} as failed; {} still staged", committed,
          refused, staged.size());
    }
  }

  /**
   * Where the object's file is, looked at in the order files move (inbox, pending, then one of
   * failed/ and processed/), so a file moving on during the look is still found.
   */
  private Outcome outcome(String relative) {
    if (Files.exists(AtomicFiles.inside(config.inbox(), relative))
        || Files.exists(AtomicFiles.inside(config.inbox().resolve(PendingFiles.AREA), relative))) {
      return Outcome.WAITING;
    }
    // failed/ first: a refused file of a dataset is copied there and its folder still archived
    if (Files.exists(failed.target(relative))) {
      return Outcome.FAILED;
    }
    return Files.exists(AtomicFiles.inside(config.processedArea(), relative))
        ? Outcome.COMMITTED : Outcome.LOST;
  }

  private void uploadSidecar(StagedObjects.Entry entry) throws IOException {
    Path sidecar = failed.target(entry.relativePath() + FailedInputs.SIDECAR_SUFFIX);
    if (Files.exists(sidecar)) {
      client.putObject(b -> b.bucket(s3.bucket())
          .key(s3.failedPrefix() + entry.key() + FailedInputs.SIDECAR_SUFFIX),
          RequestBody.fromBytes(Files.readAllBytes(sidecar)));
    }
  }

  private void archive(StagedObjects.Entry entry, String destinationKey) {
    try {
      move(client, s3.bucket(), entry.key(), entry.etag(), destinationKey);
    } catch (NoSuchKeyException e) {
      LOG.warn("s3://{}/{} was removed before it could be archived", s3.bucket(), entry.key());
    } catch (S3Exception e) {
      if (e.statusCode() != PRECONDITION_FAILED) {
        throw e;
      }
      // Replaced since it was staged: the new object is staged by a later poll.
      LOG.info("s3://{}/{} changed since it was staged; it will be taken again", s3.bucket(),
          entry.key());
    }
  }

  /**
   * Moves {@code key} to {@code destinationKey} in {@code bucket} (copy, then delete), or only
   * deletes it when {@code destinationKey} is null. With an {@code etag} the copy happens only
   * while the object is still the one that was staged.
   */
  static void move(S3Client client, String bucket, String key, String etag,
      String destinationKey) {
    if (destinationKey != null) {
      client.copyObject(b -> {
        b.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket)
            .destinationKey(destinationKey);
        if (etag != null && !etag.isEmpty()) {
          b.copySourceIfMatch(etag);
        }
      });
    }
    client.deleteObject(b -> b.bucket(bucket).key(key));
  }
}
