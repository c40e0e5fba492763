package io.cohortflow.nifti;

import java.util.Arrays;

/** Voxel arrays of every storage type for codec tests: a ramp with negatives for signed types. */
final class NiftiImageFixtures {
  private NiftiImageFixtures() {}

  static Object ramp(NiftiDatatype type, int n) {
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = type.signed() ? i * 3 - 50 : i * 4;
    }
    return switch (type.storage()) {
      case BYTE -> {
        byte[] a = new byte[n];
        for (int i = 0; i < n; i++) {
          a[i] = (byte) values[i];
        }
        yield a;
      }
      case SHORT -> {
        short[] a = new short[n];
        for (int i = 0; i < n; i++) {
          a[i] = (short) values[i];
        }
        yield a;
      }
      case INT -> Arrays.stream(values).mapToInt(v -> (int) v).toArray();
      case LONG -> values;
      case FLOAT -> {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
          a[i] = values[i] + 0.5f;
        }
        yield a;
      }
      case DOUBLE -> Arrays.stream(values).mapToDouble(v -> v / 3.0).toArray();
    };
  }
}
