package io.cohortflow.radiomics;

import java.util.Locale;

/**
 * Interpolation kernels of the resampling step. {@code CUBIC} is the interpolating cubic
 * convolution of Keys (a = -0.5, Catmull-Rom), which reproduces the samples at grid points as
 * IBSI's tricubic interpolation requires.
 */
public enum Interpolation {
  NEAREST(1), LINEAR(2), CUBIC(4);

  private final int taps;

  Interpolation(int taps) {
    this.taps = taps;
  }

  /** Number of input samples one output sample depends on along each axis. */
  public int taps() {
    return taps;
  }

  /** Parses the settings names {@code nearest}, {@code linear}, {@code cubic} (also spline names). */
  public static Interpolation parse(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "nearest": case "nn": return NEAREST;
      case "linear": case "trilinear": case "bilinear": return LINEAR;
      case "cubic": case "tricubic": case "bicubic": case "spline": return CUBIC;
      default: throw new IllegalArgumentException("unknown interpolation '" + name
          + "' (expected nearest, linear or cubic)");
    }
  }

  /** First input index and the weights of the taps for position {@code x} (input index units). */
  int firstTap(double x) {
    switch (this) {
      case NEAREST: return (int) Math.floor(x + 0.5);
      case LINEAR: return (int) Math.floor(x);
      default: return (int) Math.floor(x) - 1;
    }
  }

  void weights(double x, double[] out) {
    switch (this) {
      case NEAREST:
        out[0] = 1;
        break;
      case LINEAR: {
        double f = x - Math.floor(x);
        out[0] = 1 - f;
        out[1] = f;
        break;
      }
      default: {
        double f = x - Math.floor(x);
        out[0] = keys(1 + f);
        out[1] = keys(f);
        out[2] = keys(1 - f);
        out[3] = keys(2 - f);
      }
    }
  }

  private static double keys(double t) {
    double a = -0.5;
    t = Math.abs(t);
    if (t <= 1) {
      return ((a + 2) * t - (a + 3)) * t * t + 1;
    }
    if (t < 2) {
      return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
    }
    return 0;
  }
}
