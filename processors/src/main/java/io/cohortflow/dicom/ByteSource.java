package io.cohortflow.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The bytes the parser reads, loaded on demand into one growing array: a file read in large chunks
 * (the first chunk in one call), an in-memory buffer, or a deflated dataset inflated as far as
 * needed and never beyond a cap. Values keep pointing into the array they were read into, so growing
 * copies but never moves bytes already handed out.
 */
abstract class ByteSource {
  /** Arrays are indexed by int; files larger than this are read up to here only. */
  static final int MAX_SIZE = Integer.MAX_VALUE - 64;

  byte[] buf;
  int limit;

  /** Makes bytes [0, end) available; false if the source ends before {@code end}. */
  abstract boolean ensure(long end) throws IOException;

  /** The number of bytes the source holds (for an inflating source: after inflating it all). */
  abstract long totalSize() throws IOException;

  /** Loads bytes up to {@code end} or to the end of the source, whichever comes first; returns the bytes loaded. */
  int loadUpTo(long end) throws IOException {
    if (!ensure(end)) {
      ensure(totalSize());
    }
    return limit;
  }

  static ByteSource of(byte[] bytes) {
    return new ArraySource(bytes);
  }

  static ByteSource of(FileChannel channel, int firstRead) throws IOException {
    return new ChannelSource(channel, firstRead);
  }

  /** Inflates raw deflate data starting at {@code from} in {@code compressed}, up to {@code cap} bytes. */
  static ByteSource inflating(ByteSource compressed, int from, int cap, String name) {
    return new InflatingSource(compressed, from, cap, name);
  }

  private static final class ArraySource extends ByteSource {
    ArraySource(byte[] bytes) {
      buf = bytes;
      limit = bytes.length;
    }

    @Override
    boolean ensure(long end) {
      return end <= limit;
    }

    @Override
    long totalSize() {
      return limit;
    }
  }

  private static final class ChannelSource extends ByteSource {
    private final FileChannel channel;
    /** The file size, learnt from a short first read or asked for (one more system call) when needed. */
    private long size = -1;

    ChannelSource(FileChannel channel, int firstRead) throws IOException {
      this.channel = channel;
      buf = new byte[firstRead];
      fill(buf.length);
    }

    @Override
    long totalSize() throws IOException {
      if (size < 0) {
        size = Math.min(channel.size(), MAX_SIZE);
      }
      return size;
    }

    @Override
    boolean ensure(long end) throws IOException {
      if (end <= limit) {
        return true;
      }
      if (end > totalSize()) {
        return false;
      }
      int capacity = (int) Math.max(end, Math.min(size, 4L * buf.length));
      buf = Arrays.copyOf(buf, capacity);
      fill(capacity);
      return limit >= end;
    }

    private void fill(int upTo) throws IOException {
      ByteBuffer target = ByteBuffer.wrap(buf, limit, upTo - limit);
      while (target.hasRemaining()) {
        if (channel.read(target, target.position()) < 0) {
          size = target.position();
          break;
        }
      }
      limit = target.position();
    }
  }

  private static final class InflatingSource extends ByteSource {
    private static final int INPUT_CHUNK = 64 * 1024;

    private final Inflater inflater = new Inflater(true);
    private final ByteSource compressed;
    private final int cap;
    private final String name;
    private int inputPos;

    InflatingSource(ByteSource compressed, int from, int cap, String name) {
      this.compressed = compressed;
      this.inputPos = from;
      this.cap = cap;
      this.name = name;
      buf = new byte[64 * 1024];
    }

    @Override
    long totalSize() throws IOException {
      ensure(cap);
      return limit;
    }

    @Override
    boolean ensure(long end) throws IOException {
      if (end <= limit) {
        return true;
      }
      if (end > cap) {
        // A length beyond the cap is a bomb only if the data really goes on that far.
        if (ensure(cap) && !inflater.finished()) {
          throw new DicomParseException(name, cap, "the deflated dataset inflates beyond the limit of " + cap + " bytes");
        }
        return false;
      }
      try {
        while (limit < end && !inflater.finished() && (!inflater.needsInput() || feed())) {
          if (limit == buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(cap, Math.max(end, 2L * buf.length)));
          }
          int produced = inflater.inflate(buf, limit, buf.length - limit);
          limit += produced;
          if (produced == 0 && inflater.needsDictionary()) {
            break;
          }
        }
      } catch (DataFormatException e) {
        throw new DicomParseException(name, limit, "corrupt deflated dataset: " + e.getMessage(), e);
      }
      return limit >= end;
    }

    /** Hands the inflater the next chunk of compressed bytes; false at the end of the file. */
    private boolean feed() throws IOException {
      int available = compressed.loadUpTo((long) inputPos + INPUT_CHUNK);
      if (available <= inputPos) {
        return false;
      }
      inflater.setInput(compressed.buf, inputPos, available - inputPos);
      inputPos = available;
      return true;
    }
  }
}
