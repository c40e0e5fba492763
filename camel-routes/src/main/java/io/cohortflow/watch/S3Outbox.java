package io.cohortflow.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Mirrors the outbox to the S3 output prefix ({@code s3-output-prefix}): every finished file
 * (written under a temporary name and renamed, so a temporary or hidden name is skipped) is
 * uploaded under its path relative to the outbox, again whenever its size or modification time
 * changes. The first pass of a run walks the whole outbox (what was uploaded is remembered for the
 * run only, so a restart uploads it once more, which leaves the same objects); later passes look
 * only at what the writers reported ({@link OutboxChanges}), so a pass costs what changed, not
 * what the outbox holds.
 */
final class S3Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(S3Outbox.class);

  private record Version(long size, long modified) {}

  private final Path outbox;
  private final S3Client client;
  private final String bucket;
  private final String prefix;
  private final OutboxChanges changes;
  private final Map<String, Version> uploaded = new ConcurrentHashMap<>();
  private boolean walked;

  S3Outbox(Path outbox, S3Client client, String bucket, String prefix, OutboxChanges changes) {
    this.outbox = outbox;
    this.client = client;
    this.bucket = bucket;
    this.prefix = prefix;
    this.changes = changes;
  }

  /** Uploads the files that are new or changed since the last pass; returns how many. */
  synchronized int upload() throws IOException {
    List<Path> roots = walked ? changes.take() : List.of(outbox);
    int count = 0;
    for (int i = 0; i < roots.size(); i++) {
      try {
        count += upload(roots.get(i));
      } catch (IOException | RuntimeException e) {
        // what this pass did not finish is looked at by the next one
        changes.written(roots.subList(i, roots.size()));
        throw e;
      }
    }
    walked = true;
    if (count > 0) {
      LOG.info("S3: {} output files uploaded to s3://{}/{}", count, bucket, prefix);
    }
    return count;
  }

  /** Uploads the new or changed files of {@code root}, a file or a folder of the outbox. */
  private int upload(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).filter(S3Outbox::finished).toList();
    } catch (NoSuchFileException e) {
      return 0; // replaced or removed meanwhile
    } catch (UncheckedIOException e) {
      throw e.getCause(); // a folder removed during the walk: the pass is tried again
    }
    int count = 0;
    for (Path file : files) {
      String relative = outbox.relativize(file).toString().replace('\\', '/');
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(file, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        continue; // replaced meanwhile: the new one is seen by the next pass
      }
      Version version = new Version(attributes.size(), attributes.lastModifiedTime().toMillis());
      if (version.equals(uploaded.get(relative))) {
        continue;
      }
      client.putObject(b -> b.bucket(bucket).key(prefix + relative), RequestBody.fromFile(file));
      uploaded.put(relative, version);
      count++;
    }
    return count;
  }

  private static boolean finished(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith(".") && !name.endsWith(".tmp");
  }
}
