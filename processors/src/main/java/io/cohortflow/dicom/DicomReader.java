package io.cohortflow.dicom;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads DICOM Part 10 files and raw datasets into {@link DicomFile}s. By default it stops before the
 * pixel data; {@link #withWantedTags} makes it keep only the given top-level tags and stop as soon as
 * no later tag can be wanted. A file is read with one call for its first {@value #DEFAULT_FIRST_READ}
 * bytes and more only when the header goes on. Instances are immutable and thread-safe.
 */
public final class DicomReader {
  /**
   * Bytes read by the first call. 8 KiB holds a typical CT header whole and most of an MR one;
   * measured on generated CT/MR files, 4–8 KiB first reads were fastest, 16 KiB 25% and 64 KiB
   * 2.8× slower (docs/dicom.md). Longer headers take one more read of four times as much.
   */
  public static final int DEFAULT_FIRST_READ = 8 * 1024;
  public static final int DEFAULT_MAX_INFLATED_BYTES = 256 * 1024 * 1024;
  public static final int DEFAULT_MAX_DEPTH = 32;

  private final boolean readPixelData;
  private final WantedTags wantedTags;
  private final int firstRead;
  private final int maxInflatedBytes;
  private final int maxDepth;

  private DicomReader(boolean readPixelData, WantedTags wantedTags, int firstRead, int maxInflatedBytes, int maxDepth) {
    this.readPixelData = readPixelData;
    this.wantedTags = wantedTags;
    this.firstRead = firstRead;
    this.maxInflatedBytes = maxInflatedBytes;
    this.maxDepth = maxDepth;
  }

  /** A reader of every element up to the pixel data. */
  public static DicomReader headerReader() {
    return new DicomReader(false, null, DEFAULT_FIRST_READ, DEFAULT_MAX_INFLATED_BYTES, DEFAULT_MAX_DEPTH);
  }

  /** A reader of the whole file, pixel data (and anything after it) included. */
  public static DicomReader fullReader() {
    return headerReader().withPixelData(true);
  }

  public DicomReader withPixelData(boolean read) {
    return new DicomReader(read, wantedTags, firstRead, maxInflatedBytes, maxDepth);
  }

  /**
   * Keeps only these top-level tags (plus Specific Character Set) and stops after the highest. To
   * read inside a sequence, want the sequence tag: its items are kept whole.
   */
  public DicomReader withWantedTags(int... tags) {
    return new DicomReader(readPixelData, new WantedTags(tags), firstRead, maxInflatedBytes, maxDepth);
  }

  /** Bytes read by the first read call of a file (more are read only if needed). */
  public DicomReader withFirstRead(int bytes) {
    return new DicomReader(readPixelData, wantedTags, Math.max(256, bytes), maxInflatedBytes, maxDepth);
  }

  /** The cap on the inflated size of a deflated dataset (deflate bombs stop here). */
  public DicomReader withMaxInflatedBytes(int bytes) {
    return new DicomReader(readPixelData, wantedTags, firstRead, bytes, maxDepth);
  }

  /** The deepest sequence nesting accepted. */
  public DicomReader withMaxDepth(int depth) {
    return new DicomReader(readPixelData, wantedTags, firstRead, maxInflatedBytes, depth);
  }

  /**
   * Reads a file.
   *
   * @throws DicomParseException when the content is not a readable DICOM dataset
   * @throws IOException when the file cannot be opened or read
   */
  public DicomFile read(Path path) throws IOException {
    String name = path.toString();
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      return new DicomParser(this, name, ByteSource.of(channel, firstRead)).parse();
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(name, null, "no such file");
    }
  }

  /** Reads a file held in memory; {@code name} is used in error messages. */
  public DicomFile read(byte[] bytes, String name) throws DicomParseException {
    try {
      return new DicomParser(this, name, ByteSource.of(bytes)).parse();
    } catch (DicomParseException e) {
      throw e;
    } catch (IOException e) {
      throw new DicomParseException(name, 0, e.getMessage(), e);
    }
  }

  boolean readPixelData() {
    return readPixelData;
  }

  /** The wanted tags, or null for all. */
  WantedTags wantedTags() {
    return wantedTags;
  }

  int maxInflatedBytes() {
    return maxInflatedBytes;
  }

  int maxDepth() {
    return maxDepth;
  }
}
