package io.cohortflow.nifti;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The binary layouts of the NIfTI-1 (348 bytes) and NIfTI-2 (540 bytes) headers: decoding with the
 * fixes nibabel applies on load (zero voxel sizes become 1, negative ones their absolute value, a
 * qfac other than ±1 becomes 1, unknown xform codes become 0), and encoding of NIfTI-1.
 */
final class NiftiHeaderCodec {
  private static final int NIFTI1_SINGLE_VOX_OFFSET = 352;
  private static final int NIFTI2_SINGLE_VOX_OFFSET = 544;
  private static final byte[] NIFTI2_MAGIC = {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'};
  private static final int MAX_XFORM_CODE = 5;

  private NiftiHeaderCodec() {}

  static NiftiHeader decodeNifti1(Path path, ByteBuffer b) throws NiftiFormatException {
    String magic = NiftiReader.latin1(b, 344, 4);
    if (magic.equals("ni1")) {
      throw new NiftiFormatException(path, "a .hdr/.img header (magic 'ni1'); only single-file"
          + " .nii images are supported");
    }
    if (!magic.equals("n+1")) {
      throw new NiftiFormatException(path, "wrong magic '" + magic + "' (expected 'n+1')");
    }
    long[] dim = new long[8];
    double[] pixdim = new double[8];
    for (int i = 0; i < 8; i++) {
      dim[i] = b.getShort(40 + 2 * i);
      pixdim[i] = b.getFloat(76 + 4 * i);
    }
    double[][] srow = new double[3][4];
    for (int row = 0; row < 3; row++) {
      for (int col = 0; col < 4; col++) {
        srow[row][col] = b.getFloat(280 + 16 * row + 4 * col);
      }
    }
    checkDims(path, dim);
    fixPixdim(pixdim);
    return new NiftiHeader(1, b.order(), dim, datatype(path, b.getShort(70)), pixdim,
        voxOffset(path, (long) b.getFloat(108), NIFTI1_SINGLE_VOX_OFFSET),
        b.getFloat(112), b.getFloat(116), b.getFloat(128), b.getFloat(124), b.getFloat(132),
        b.getFloat(136), b.getShort(74), b.getShort(120), b.get(122) & 0xFF, b.get(39) & 0xFF,
        b.get(123) & 0xFF, b.getShort(68), b.getFloat(56), b.getFloat(60), b.getFloat(64),
        NiftiReader.latin1(b, 328, 16), NiftiReader.latin1(b, 148, 80),
        NiftiReader.latin1(b, 228, 24), xformCode(b.getShort(252)), xformCode(b.getShort(254)),
        b.getFloat(256), b.getFloat(260), b.getFloat(264), b.getFloat(268), b.getFloat(272),
        b.getFloat(276), srow);
  }

  static NiftiHeader decodeNifti2(Path path, ByteBuffer b) throws NiftiFormatException {
    for (int i = 0; i < NIFTI2_MAGIC.length; i++) {
      if (b.get(4 + i) != NIFTI2_MAGIC[i]) {
        throw new NiftiFormatException(path, "wrong magic '" + NiftiReader.latin1(b, 4, 4)
            + "' (expected 'n+2')");
      }
    }
    long[] dim = new long[8];
    double[] pixdim = new double[8];
    for (int i = 0; i < 8; i++) {
      dim[i] = b.getLong(16 + 8 * i);
      pixdim[i] = b.getDouble(104 + 8 * i);
    }
    double[][] srow = new double[3][4];
    for (int row = 0; row < 3; row++) {
      for (int col = 0; col < 4; col++) {
        srow[row][col] = b.getDouble(400 + 32 * row + 8 * col);
      }
    }
    checkDims(path, dim);
    fixPixdim(pixdim);
    return new NiftiHeader(2, b.order(), dim, datatype(path, b.getShort(12)), pixdim,
        voxOffset(path, b.getLong(168), NIFTI2_SINGLE_VOX_OFFSET),
        b.getDouble(176), b.getDouble(184), b.getDouble(200), b.getDouble(192), b.getDouble(208),
        b.getDouble(216), b.getLong(224), b.getLong(232), b.getInt(496), b.get(524) & 0xFF,
        b.getInt(500), b.getInt(504), b.getDouble(80), b.getDouble(88), b.getDouble(96),
        NiftiReader.latin1(b, 508, 16), NiftiReader.latin1(b, 240, 80),
        NiftiReader.latin1(b, 320, 24), xformCode(b.getInt(344)), xformCode(b.getInt(348)),
        b.getDouble(352), b.getDouble(360), b.getDouble(368), b.getDouble(376), b.getDouble(384),
        b.getDouble(392), srow);
  }

  /** The 352 bytes of a single-file NIfTI-1 header plus an empty extension flag. */
  static byte[] encodeNifti1(NiftiHeader h) {
    ByteBuffer b = ByteBuffer.allocate(NIFTI1_SINGLE_VOX_OFFSET).order(h.byteOrder());
    b.putInt(0, NiftiReader.NIFTI1_HEADER_SIZE);
    b.put(38, (byte) 'r');
    b.put(39, (byte) h.dimInfo());
    long[] dim = h.dim();
    double[] pixdim = h.pixdim();
    for (int i = 0; i < 8; i++) {
      b.putShort(40 + 2 * i, (short) dim[i]);
      b.putFloat(76 + 4 * i, (float) pixdim[i]);
    }
    b.putFloat(56, (float) h.intentP1());
    b.putFloat(60, (float) h.intentP2());
    b.putFloat(64, (float) h.intentP3());
    b.putShort(68, (short) h.intentCode());
    b.putShort(70, (short) h.datatype().code());
    b.putShort(72, (short) h.datatype().bitsPerVoxel());
    b.putShort(74, (short) h.sliceStart());
    b.putFloat(108, NIFTI1_SINGLE_VOX_OFFSET);
    b.putFloat(112, (float) h.sclSlope());
    b.putFloat(116, (float) h.sclInter());
    b.putShort(120, (short) h.sliceEnd());
    b.put(122, (byte) h.sliceCode());
    b.put(123, (byte) h.xyztUnits());
    b.putFloat(124, (float) h.calMax());
    b.putFloat(128, (float) h.calMin());
    b.putFloat(132, (float) h.sliceDuration());
    b.putFloat(136, (float) h.toffset());
    putText(b, 148, 80, h.description());
    putText(b, 228, 24, h.auxFile());
    b.putShort(252, (short) h.qformCode());
    b.putShort(254, (short) h.sformCode());
    double[] quatern = {h.quaternB(), h.quaternC(), h.quaternD(), h.qoffsetX(), h.qoffsetY(),
        h.qoffsetZ()};
    for (int i = 0; i < quatern.length; i++) {
      b.putFloat(256 + 4 * i, (float) quatern[i]);
    }
    double[][] srow = h.srow();
    for (int row = 0; row < 3; row++) {
      for (int col = 0; col < 4; col++) {
        b.putFloat(280 + 16 * row + 4 * col, (float) srow[row][col]);
      }
    }
    putText(b, 328, 16, h.intentName());
    putText(b, 344, 4, "n+1");
    return b.array();
  }

  private static void checkDims(Path path, long[] dim) throws NiftiFormatException {
    if (dim[0] < 1 || dim[0] > 7) {
      throw new NiftiFormatException(path, "dim[0] = " + dim[0] + " is not between 1 and 7");
    }
    for (int i = 1; i <= dim[0]; i++) {
      if (dim[i] < 0) {
        throw new NiftiFormatException(path, "dim[" + i + "] = " + dim[i] + " is negative");
      }
    }
  }

  private static NiftiDatatype datatype(Path path, int code) throws NiftiFormatException {
    NiftiDatatype type = NiftiDatatype.fromCode(code);
    if (type == null) {
      throw new NiftiFormatException(path, "unsupported datatype code " + code);
    }
    return type;
  }

  /** nibabel treats 0 as "right after the header" and refuses offsets inside the header. */
  private static long voxOffset(Path path, long offset, int singleFileOffset)
      throws NiftiFormatException {
    if (offset == 0) {
      return singleFileOffset;
    }
    if (offset < singleFileOffset) {
      throw new NiftiFormatException(path, "vox_offset " + offset
          + " is inside the header (minimum " + singleFileOffset + ")");
    }
    return offset;
  }

  private static void fixPixdim(double[] pixdim) {
    for (int i = 1; i <= 3; i++) {
      pixdim[i] = pixdim[i] == 0 ? 1 : Math.abs(pixdim[i]);
    }
    if (pixdim[0] != 1 && pixdim[0] != -1) {
      pixdim[0] = 1;
    }
  }

  private static int xformCode(int code) {
    return code < 0 || code > MAX_XFORM_CODE ? 0 : code;
  }

  private static void putText(ByteBuffer b, int offset, int length, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    b.put(offset, bytes, 0, Math.min(bytes.length, length));
  }
}
