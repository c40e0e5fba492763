package io.cohortflow.nifti;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an image as a single-file NIfTI-1 {@code .nii}, or gzip-compressed when the name ends in
 * {@code .gz}, in the header's byte order with the voxels right after the 352-byte header. The file
 * appears atomically: it is written under a temporary name in the same folder, then renamed.
 */
public final class NiftiWriter {
  private static final int CHUNK_BYTES = 1 << 20;

  private NiftiWriter() {}

  /** Writes {@code image} to {@code path}, replacing any file there. */
  public static void write(NiftiImage image, Path path) throws IOException {
    checkFitsNifti1(image.header());
    Path target = path.toAbsolutePath();
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      try (OutputStream out = open(temp, target.getFileName().toString().endsWith(".gz"))) {
        out.write(NiftiHeaderCodec.encodeNifti1(image.header()));
        writeVoxels(image, out);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static OutputStream open(Path path, boolean gzip) throws IOException {
    OutputStream file = new BufferedOutputStream(Files.newOutputStream(path), CHUNK_BYTES);
    return gzip ? new GZIPOutputStream(file, 1 << 16) : file;
  }

  private static void checkFitsNifti1(NiftiHeader header) {
    for (long size : header.dim()) {
      if (size > Short.MAX_VALUE) {
        throw new IllegalArgumentException("dimension " + size + " does not fit a NIfTI-1 header");
      }
    }
  }

  private static void writeVoxels(NiftiImage image, OutputStream out) throws IOException {
    Object data = image.data();
    if (data instanceof byte[] bytes) {
      out.write(bytes);
      return;
    }
    int elementBytes = image.datatype().elementBytes();
    int length = Array.getLength(data);
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(image.header().byteOrder());
    for (int done = 0; done < length; ) {
      int count = Math.min(length - done, CHUNK_BYTES / elementBytes);
      chunk.clear();
      encode(data, done, count, chunk);
      out.write(chunk.array(), 0, count * elementBytes);
      done += count;
    }
  }

  private static void encode(Object data, int offset, int count, ByteBuffer chunk) {
    if (data instanceof short[] a) {
      chunk.asShortBuffer().put(a, offset, count);
    } else if (data instanceof int[] a) {
      chunk.asIntBuffer().put(a, offset, count);
    } else if (data instanceof long[] a) {
      chunk.asLongBuffer().put(a, offset, count);
    } else if (data instanceof float[] a) {
      chunk.asFloatBuffer().put(a, offset, count);
    } else {
      chunk.asDoubleBuffer().put((double[]) data, offset, count);
    }
  }
}
