package io.cohortflow.nifti;

/**
 * A NIfTI image in memory: its header and its voxels in one flat primitive array of the stored type
 * (x fastest: {@code index = x + nx * (y + ny * z)}, times {@link #channels()} for RGB24). Callers
 * that know the type take the array itself ({@link #byteData()}, {@link #floatData()}, …); others
 * ask for one element as a raw or scaled double, so no full {@code double} copy is ever needed.
 */
public final class NiftiImage {
  private final NiftiHeader header;
  private final int[] shape;
  private final Object data;
  private final double slope;
  private final double inter;

  /**
   * @param data an array of the datatype's storage type ({@code byte[]} for uint8, int8 and RGB24,
   *     {@code short[]} for int16/uint16, …) holding voxel count × channels elements
   */
  public NiftiImage(NiftiHeader header, Object data) {
    this.header = header;
    this.shape = header.shape();
    this.data = data;
    long expected = header.datatype().channels();
    for (int size : shape) {
      expected *= size;
    }
    if (length(data, header.datatype().storage()) != expected) {
      throw new IllegalArgumentException("voxel array does not hold " + expected + " "
          + header.datatype() + " elements");
    }
    this.slope = header.hasScaling() ? header.sclSlope() : 1;
    this.inter = header.hasScaling() ? header.sclInter() : 0;
  }

  public NiftiHeader header() {
    return header;
  }

  public NiftiDatatype datatype() {
    return header.datatype();
  }

  /** The size of each dimension, x first; its length is {@code dim[0]}. */
  public int[] shape() {
    return shape.clone();
  }

  public int ndim() {
    return shape.length;
  }

  /** Size along dimension {@code axis} (0 = x), 1 beyond the image's dimensions. */
  public int size(int axis) {
    return axis < shape.length ? shape[axis] : 1;
  }

  public long voxelCount() {
    long count = 1;
    for (int size : shape) {
      count *= size;
    }
    return count;
  }

  /** Elements per voxel: 3 for RGB24, else 1. */
  public int channels() {
    return header.datatype().channels();
  }

  /** The flat voxel index of (x, y, z). */
  public int index(int x, int y, int z) {
    return x + size(0) * (y + size(1) * z);
  }

  /** True when {@link #scaled(int)} differs from {@link #raw(int)}: a slope/intercept applies. */
  public boolean hasScaling() {
    return header.hasScaling();
  }

  /** The stored element at a flat element index, as a double (unsigned types read unsigned). */
  public double raw(int index) {
    boolean signed = header.datatype().signed();
    return switch (header.datatype().storage()) {
      case BYTE -> signed ? ((byte[]) data)[index] : ((byte[]) data)[index] & 0xFF;
      case SHORT -> signed ? ((short[]) data)[index] : ((short[]) data)[index] & 0xFFFF;
      case INT -> signed ? ((int[]) data)[index] : ((int[]) data)[index] & 0xFFFFFFFFL;
      case LONG -> signed ? ((long[]) data)[index] : unsignedToDouble(((long[]) data)[index]);
      case FLOAT -> ((float[]) data)[index];
      case DOUBLE -> ((double[]) data)[index];
    };
  }

  /** The element at a flat index with {@code scl_slope}/{@code scl_inter} applied, as nibabel does. */
  public double scaled(int index) {
    return raw(index) * slope + inter;
  }

  /**
   * A new array of every element scaled ({@link #scaled(int)}), for callers that really need doubles:
   * it costs 8 bytes per element.
   */
  public double[] scaledCopy() {
    double[] values = new double[(int) (voxelCount() * channels())];
    for (int i = 0; i < values.length; i++) {
      values[i] = scaled(i);
    }
    return values;
  }

  /** Voxel size along x, y, z ({@code pixdim[1..3]}). */
  public double[] spacing() {
    return header.spacing();
  }

  /** The voxel-to-world affine nibabel gives as {@code img.affine} (see {@link NiftiHeader#affine()}). */
  public double[][] affine() {
    return header.affine();
  }

  /** The slope {@link #scaled(int)} applies: {@code scl_slope}, or 1 when there is no scaling. */
  public double slope() {
    return slope;
  }

  /** The intercept {@link #scaled(int)} applies: {@code scl_inter}, or 0 when there is no scaling. */
  public double intercept() {
    return inter;
  }

  /** The voxels of a uint8, int8 or RGB24 image; shared, not copied. */
  public byte[] byteData() {
    return typed(byte[].class);
  }

  /** The voxels of an int16 or uint16 image; shared, not copied. */
  public short[] shortData() {
    return typed(short[].class);
  }

  /** The voxels of an int32 or uint32 image; shared, not copied. */
  public int[] intData() {
    return typed(int[].class);
  }

  /** The voxels of an int64 or uint64 image; shared, not copied. */
  public long[] longData() {
    return typed(long[].class);
  }

  /** The voxels of a float32 image; shared, not copied. */
  public float[] floatData() {
    return typed(float[].class);
  }

  /** The voxels of a float64 image; shared, not copied. */
  public double[] doubleData() {
    return typed(double[].class);
  }

  /** The voxel array, whatever its type ({@link NiftiDatatype#storage()} says which). */
  public Object data() {
    return data;
  }

  private <T> T typed(Class<T> arrayType) {
    if (!arrayType.isInstance(data)) {
      throw new IllegalStateException(header.datatype() + " voxels are not stored as "
          + arrayType.getSimpleName());
    }
    return arrayType.cast(data);
  }

  /** A uint64 value as the nearest double, rounded as numpy converts it. */
  static double unsignedToDouble(long value) {
    if (value >= 0) {
      return value;
    }
    // Halve with the low bit kept sticky so the final doubling rounds like a direct conversion.
    return ((value >>> 1) | (value & 1)) * 2.0;
  }

  private static long length(Object data, NiftiDatatype.Storage storage) {
    return switch (storage) {
      case BYTE -> data instanceof byte[] a ? a.length : -1;
      case SHORT -> data instanceof short[] a ? a.length : -1;
      case INT -> data instanceof int[] a ? a.length : -1;
      case LONG -> data instanceof long[] a ? a.length : -1;
      case FLOAT -> data instanceof float[] a ? a.length : -1;
      case DOUBLE -> data instanceof double[] a ? a.length : -1;
    };
  }
}
