package io.cohortflow.nifti;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads single-file NIfTI-1 and NIfTI-2 images ({@code .nii}, or gzip-compressed {@code .nii.gz},
 * recognised by content) in either byte order. The gzip stream is decoded straight into the typed
 * voxel array in large chunks, with no temporary file. Header fields are fixed up the way nibabel
 * fixes them when it loads a file, so the affine and spacing match nibabel's. Any malformed input
 * ends in a {@link NiftiFormatException} naming the file and the reason; the voxel array is only
 * allocated once the header has been checked against the voxel cap.
 */
public final class NiftiReader {
  /** Default cap on the voxel count of one image (512 Mi voxels: 4 GiB as float64). */
  public static final long DEFAULT_MAX_VOXELS = 1L << 29;

  static final int NIFTI1_HEADER_SIZE = 348;
  static final int NIFTI2_HEADER_SIZE = 540;
  private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
  private static final int CHUNK_BYTES = 1 << 20;
  private static final int GZIP_BUFFER_BYTES = 1 << 16;

  private final long maxVoxels;

  /** A reader with the {@link #DEFAULT_MAX_VOXELS} cap. */
  public NiftiReader() {
    this(DEFAULT_MAX_VOXELS);
  }

  /** A reader that refuses images of more than {@code maxVoxels} voxels. */
  public NiftiReader(long maxVoxels) {
    if (maxVoxels < 1) {
      throw new IllegalArgumentException("maxVoxels must be positive: " + maxVoxels);
    }
    this.maxVoxels = maxVoxels;
  }

  /** Reads a whole image with the default voxel cap. */
  public static NiftiImage read(Path path) throws IOException {
    return new NiftiReader().readImage(path);
  }

  /** Reads a whole image: header and voxels. */
  public NiftiImage readImage(Path path) throws IOException {
    try (InputStream in = open(path)) {
      NiftiHeader header = readHeader(path, in);
      long dataBytes = checkedDataBytes(path, header);
      if (!isGzip(path)) {
        checkFileLength(path, header, dataBytes);
      }
      skipTo(path, in, header);
      return new NiftiImage(header, readVoxels(path, in, header, (int) (dataBytes
          / header.datatype().elementBytes())));
    } catch (ZipException | EOFException e) {
      throw new NiftiFormatException(path, "corrupt or truncated gzip data: " + e.getMessage(), e);
    } catch (NoSuchFileException e) {
      throw new NiftiFormatException(path, "file does not exist", e);
    }
  }

  /** Reads only the header (and checks it), without touching the voxels. */
  public NiftiHeader readHeader(Path path) throws IOException {
    try (InputStream in = open(path)) {
      NiftiHeader header = readHeader(path, in);
      checkedDataBytes(path, header);
      return header;
    } catch (ZipException | EOFException e) {
      throw new NiftiFormatException(path, "corrupt or truncated gzip data: " + e.getMessage(), e);
    } catch (NoSuchFileException e) {
      throw new NiftiFormatException(path, "file does not exist", e);
    }
  }

  private static InputStream open(Path path) throws IOException {
    InputStream file = new BufferedInputStream(Files.newInputStream(path), GZIP_BUFFER_BYTES);
    return isGzip(path) ? new GZIPInputStream(file, GZIP_BUFFER_BYTES) : file;
  }

  private static boolean isGzip(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] magic = in.readNBytes(2);
      return magic.length == 2 && (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b;
    }
  }

  private static NiftiHeader readHeader(Path path, InputStream in) throws IOException {
    byte[] first = in.readNBytes(4);
    if (first.length < 4) {
      throw new NiftiFormatException(path, "file too short for a NIfTI header");
    }
    ByteOrder order = headerOrder(path, first);
    int size = ByteBuffer.wrap(first).order(order).getInt();
    byte[] bytes = new byte[size];
    System.arraycopy(first, 0, bytes, 0, 4);
    int read = in.readNBytes(bytes, 4, size - 4);
    if (read < size - 4) {
      throw new NiftiFormatException(path, "header truncated: " + (read + 4) + " of " + size
          + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(order);
    NiftiHeader header = size == NIFTI1_HEADER_SIZE ? NiftiHeaderCodec.decodeNifti1(path, buffer)
        : NiftiHeaderCodec.decodeNifti2(path, buffer);
    // nibabel refuses a usable slope with a non-finite intercept rather than return NaNs.
    if (Double.isFinite(header.sclSlope()) && header.sclSlope() != 0
        && !Double.isFinite(header.sclInter())) {
      throw new NiftiFormatException(path, "valid scl_slope but invalid scl_inter "
          + header.sclInter());
    }
    return header;
  }

  private static ByteOrder headerOrder(Path path, byte[] first) throws NiftiFormatException {
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      int size = ByteBuffer.wrap(first).order(order).getInt();
      if (size == NIFTI1_HEADER_SIZE || size == NIFTI2_HEADER_SIZE) {
        return order;
      }
    }
    throw new NiftiFormatException(path, "not a NIfTI file: sizeof_hdr is neither 348 nor 540");
  }

  /** Checks dimensions against overflow and the voxel cap; returns the voxel data size in bytes. */
  private long checkedDataBytes(Path path, NiftiHeader header) throws NiftiFormatException {
    long voxels = 1;
    for (int axis = 1; axis <= header.ndim(); axis++) {
      long size = header.dim()[axis];
      try {
        voxels = Math.multiplyExact(voxels, size);
      } catch (ArithmeticException e) {
        throw new NiftiFormatException(path, "dimensions overflow: the voxel count exceeds 2^63");
      }
    }
    long elements = voxels * header.datatype().channels();
    if (voxels > maxVoxels || elements > MAX_ARRAY_LENGTH) {
      throw new NiftiFormatException(path, voxels + " voxels exceed the cap of "
          + Math.min(maxVoxels, MAX_ARRAY_LENGTH / header.datatype().channels()) + " voxels");
    }
    return elements * header.datatype().elementBytes();
  }

  private static void checkFileLength(Path path, NiftiHeader header, long dataBytes)
      throws IOException {
    long length = Files.size(path);
    if (header.voxOffset() > length) {
      throw new NiftiFormatException(path, "vox_offset " + header.voxOffset()
          + " is past the end of the file (" + length + " bytes)");
    }
    if (header.voxOffset() + dataBytes > length) {
      throw new NiftiFormatException(path, "truncated: " + dataBytes + " bytes of voxel data expected at offset "
          + header.voxOffset() + ", the file has " + length + " bytes");
    }
  }

  /** Skips the extensions (and anything else) between the header and {@code vox_offset}. */
  private static void skipTo(Path path, InputStream in, NiftiHeader header) throws IOException {
    long headerSize = header.version() == 1 ? NIFTI1_HEADER_SIZE : NIFTI2_HEADER_SIZE;
    long gap = header.voxOffset() - headerSize;
    long skipped = in.skip(gap);
    while (skipped < gap) {
      if (in.read() < 0) {
        throw new NiftiFormatException(path, "vox_offset " + header.voxOffset()
            + " is past the end of the data");
      }
      skipped += 1 + in.skip(gap - skipped - 1);
    }
  }

  private static Object readVoxels(Path path, InputStream in, NiftiHeader header, int elements)
      throws IOException {
    NiftiDatatype type = header.datatype();
    if (type.storage() == NiftiDatatype.Storage.BYTE) {
      byte[] data = new byte[elements];
      requireFull(path, in.readNBytes(data, 0, elements), elements, type);
      return data;
    }
    Object data = allocate(type.storage(), elements);
    byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, (long) elements * type.elementBytes())];
    int done = 0;
    while (done < elements) {
      int count = Math.min(elements - done, chunk.length / type.elementBytes());
      int bytes = count * type.elementBytes();
      requireFull(path, in.readNBytes(chunk, 0, bytes), bytes, type);
      decode(ByteBuffer.wrap(chunk, 0, bytes).order(header.byteOrder()), data, done, count);
      done += count;
    }
    return data;
  }

  private static void requireFull(Path path, int read, int expected, NiftiDatatype type)
      throws NiftiFormatException {
    if (read < expected) {
      throw new NiftiFormatException(path, "truncated: voxel data ends " + (expected - read)
          + " bytes early (" + type + ")");
    }
  }

  private static Object allocate(NiftiDatatype.Storage storage, int elements) {
    return switch (storage) {
      case BYTE -> new byte[elements];
      case SHORT -> new short[elements];
      case INT -> new int[elements];
      case LONG -> new long[elements];
      case FLOAT -> new float[elements];
      case DOUBLE -> new double[elements];
    };
  }

  private static void decode(ByteBuffer chunk, Object data, int offset, int count) {
    if (data instanceof short[] a) {
      chunk.asShortBuffer().get(a, offset, count);
    } else if (data instanceof int[] a) {
      chunk.asIntBuffer().get(a, offset, count);
    } else if (data instanceof long[] a) {
      chunk.asLongBuffer().get(a, offset, count);
    } else if (data instanceof float[] a) {
      chunk.asFloatBuffer().get(a, offset, count);
    } else {
      chunk.asDoubleBuffer().get((double[]) data, offset, count);
    }
  }

  static String latin1(ByteBuffer buffer, int offset, int length) {
    byte[] bytes = new byte[length];
    buffer.get(offset, bytes);
    int end = 0;
    while (end < length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
  }
}
