package io.cohortflow.watch;

import io.cohortflow.store.ExtractionWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The durable record of the S3 objects staged into the inbox whose results are not committed
 * yet: one small file per object in {@code INBOX/.s3-staged/}, named by the hash of its key and
 * holding the key, its ETag and its path relative to the inbox. An object is written here before
 * its file is placed in the inbox and removed only once the object has been archived, so a
 * restart neither stages an object twice nor forgets to archive one.
 */
final class StagedObjects {
  /** One staged object. */
  record Entry(String key, String etag, String relativePath) {}

  private final Path area;
  private final AtomicInteger count;

  StagedObjects(Path inbox) throws IOException {
    this.area = inbox.resolve(".s3-staged");
    this.count = new AtomicInteger(entryFiles().size());
  }

  boolean contains(String key) {
    return Files.exists(file(key));
  }

  /** Records an object as staged (written under a temporary name and renamed). */
  void add(Entry entry) throws IOException {
    Properties p = new Properties();
    p.setProperty("key", entry.key());
    p.setProperty("etag", entry.etag());
    p.setProperty("relative-path", entry.relativePath());
    StringWriter text = new StringWriter();
    p.store(text, null);
    boolean added = !contains(entry.key());
    AtomicFiles.writeText(file(entry.key()), text.toString());
    if (added) {
      count.incrementAndGet();
    }
  }

  void remove(String key) throws IOException {
    if (Files.deleteIfExists(file(key))) {
      count.decrementAndGet();
    }
  }

  /** Every staged object, in no particular order. */
  List<Entry> entries() throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (Path f : entryFiles()) {
      Properties p = new Properties();
      try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        p.load(in);
      } catch (NoSuchFileException e) {
        continue; // archived meanwhile
      }
      entries.add(new Entry(p.getProperty("key"), p.getProperty("etag"),
          p.getProperty("relative-path")));
    }
    return entries;
  }

  /** How many objects are staged and not archived yet. */
  int size() {
    return count.get();
  }

  private List<Path> entryFiles() throws IOException {
    if (!Files.isDirectory(area)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(area)) {
      return list.filter(f -> f.getFileName().toString().endsWith(".properties")).toList();
    }
  }

  private Path file(String key) {
    return area.resolve(ExtractionWriter.pathHashHex(key) + ".properties");
  }
}
