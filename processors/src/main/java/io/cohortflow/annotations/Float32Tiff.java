package io.cohortflow.annotations;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes a one-strip, uncompressed, little-endian float32 grey TIFF with exactly the ten tags, in
 * the order and types, of the files nidataset writes, so slices are byte-identical: the pixels
 * start at offset 134, row-major. Written atomically (temporary name, then rename).
 */
final class Float32Tiff {
  private static final short SHORT = 3;
  private static final short LONG = 4;
  private static final int IFD_OFFSET = 8;
  private static final int TAG_COUNT = 10;
  static final int PIXEL_OFFSET = IFD_OFFSET + 2 + 12 * TAG_COUNT + 4;

  private Float32Tiff() {}

  static byte[] encode(float[] pixels, int rows, int columns) {
    ByteBuffer b = ByteBuffer.allocate(PIXEL_OFFSET + 4 * pixels.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(IFD_OFFSET);
    b.putShort((short) TAG_COUNT);
    tag(b, 256, LONG, columns);
    tag(b, 257, LONG, rows);
    tag(b, 258, SHORT, 32);
    tag(b, 259, SHORT, 1);
    tag(b, 262, SHORT, 1);
    tag(b, 273, LONG, PIXEL_OFFSET);
    tag(b, 278, LONG, rows);
    tag(b, 279, LONG, 4 * pixels.length);
    tag(b, 284, SHORT, 1);
    tag(b, 339, SHORT, 3);
    b.putInt(0);
    b.asFloatBuffer().put(pixels);
    return b.array();
  }

  static void write(Path path, float[] pixels, int rows, int columns) throws IOException {
    AtomicFile.write(path, encode(pixels, rows, columns));
  }

  private static void tag(ByteBuffer b, int tag, short type, int value) {
    b.putShort((short) tag).putShort(type).putInt(1);
    if (type == SHORT) {
      b.putShort((short) value).putShort((short) 0);
    } else {
      b.putInt(value);
    }
  }
}
