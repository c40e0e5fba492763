package io.cohortflow.radiomics;

import io.cohortflow.dicom.DicomFile;
import io.cohortflow.dicom.DicomObject;
import io.cohortflow.dicom.DicomReader;
import io.cohortflow.dicom.Tag;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a folder holding one DICOM image series (uncompressed transfer syntaxes) into an
 * {@link ImageVolume}: slices sorted along the slice normal, Rescale Slope/Intercept applied, and the
 * geometry converted from DICOM's LPS patient coordinates to the RAS world of NIfTI, so that a
 * NIfTI mask of the same scan matches it.
 */
public final class DicomSeriesLoader {
  private DicomSeriesLoader() {
  }

  /** A slice with its position along the normal. */
  private record Slice(Path file, DicomObject data, double position) { }

  /** @throws RadiomicsException naming the file or the folder when the series cannot be read */
  public static ImageVolume read(Path folder) {
    List<Slice> slices = new ArrayList<>();
    double[] orientation = null;
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        DicomObject d = parse(file);
        double[] iop = required(d.getDoubles(Tag.IMAGE_ORIENTATION_PATIENT), 6, file,
            "Image Orientation (Patient)");
        double[] ipp = required(d.getDoubles(Tag.IMAGE_POSITION_PATIENT), 3, file,
            "Image Position (Patient)");
        if (orientation == null) {
          orientation = iop;
        } else if (!close(orientation, iop, 1e-4)) {
          throw new RadiomicsException("slice orientation differs in " + file);
        }
        double[] normal = cross(iop);
        slices.add(new Slice(file, d, ipp[0] * normal[0] + ipp[1] * normal[1] + ipp[2] * normal[2]));
      }
    } catch (IOException e) {
      throw new RadiomicsException("cannot list DICOM folder " + folder + ": " + e.getMessage(), e);
    }
    if (slices.isEmpty()) {
      throw new RadiomicsException("no DICOM file in " + folder);
    }
    slices.sort(Comparator.comparingDouble(Slice::position));
    return assemble(folder, slices, orientation);
  }

  private static ImageVolume assemble(Path folder, List<Slice> slices, double[] iop) {
    DicomObject first = slices.get(0).data();
    int rows = intTag(first, Tag.ROWS, slices.get(0).file());
    int columns = intTag(first, Tag.COLUMNS, slices.get(0).file());
    double[] pixelSpacing = required(first.getDoubles(Tag.PIXEL_SPACING), 2, slices.get(0).file(),
        "Pixel Spacing");
    double sliceSpacing = 1;
    if (slices.size() > 1) {
      double[] gaps = new double[slices.size() - 1];
      for (int i = 1; i < slices.size(); i++) {
        gaps[i - 1] = slices.get(i).position() - slices.get(i - 1).position();
      }
      double[] sorted = gaps.clone();
      Arrays.sort(sorted);
      sliceSpacing = sorted[sorted.length / 2];
      for (double g : gaps) {
        if (!(sliceSpacing > 0) || Math.abs(g - sliceSpacing) > 0.01 * sliceSpacing) {
          throw new RadiomicsException("uneven or duplicate slice positions in " + folder
              + " (gaps " + Arrays.toString(gaps) + " mm)");
        }
      }
    }
    int plane = rows * columns;
    double[] voxels = new double[plane * slices.size()];
    for (int z = 0; z < slices.size(); z++) {
      Slice s = slices.get(z);
      if (intTag(s.data(), Tag.ROWS, s.file()) != rows
          || intTag(s.data(), Tag.COLUMNS, s.file()) != columns) {
        throw new RadiomicsException("slice size differs in " + s.file());
      }
      decode(s, voxels, z * plane, plane);
    }
    double[] normal = cross(iop);
    double[] ipp = slices.get(0).data().getDoubles(Tag.IMAGE_POSITION_PATIENT);
    // LPS -> RAS: negate the first two world components.
    double[] origin = {-ipp[0], -ipp[1], ipp[2]};
    double[] direction = {-iop[0], -iop[1], iop[2], -iop[3], -iop[4], iop[5], -normal[0],
        -normal[1], normal[2]};
    return new ImageVolume(columns, rows, slices.size(),
        new double[] {pixelSpacing[1], pixelSpacing[0], sliceSpacing}, origin, direction, voxels);
  }

  private static void decode(Slice s, double[] out, int offset, int count) {
    DicomObject d = s.data();
    int index = d.indexOf(Tag.PIXEL_DATA);
    if (index < 0) {
      throw new RadiomicsException("no pixel data in " + s.file());
    }
    if (d.isEncapsulatedAt(index)) {
      throw new RadiomicsException("compressed pixel data (encapsulated transfer syntax) in "
          + s.file() + ": only uncompressed series are read");
    }
    Integer samples = d.getInt(Tag.SAMPLES_PER_PIXEL);
    if (samples != null && samples != 1) {
      throw new RadiomicsException("not a grey-level image (" + samples + " samples) in " + s.file());
    }
    int bits = intTag(d, Tag.BITS_ALLOCATED, s.file());
    Integer representation = d.getInt(Tag.PIXEL_REPRESENTATION);
    boolean signed = representation != null && representation == 1;
    Double slope = d.getDouble(Tag.RESCALE_SLOPE);
    Double intercept = d.getDouble(Tag.RESCALE_INTERCEPT);
    double m = slope == null ? 1 : slope;
    double b = intercept == null ? 0 : intercept;
    ByteBuffer buffer = ByteBuffer.wrap(d.bytesAt(index))
        .order(d.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    if (buffer.remaining() < (long) count * bits / 8) {
      throw new RadiomicsException("pixel data too short in " + s.file());
    }
    for (int i = 0; i < count; i++) {
      double raw;
      switch (bits) {
        case 8: raw = signed ? buffer.get() : buffer.get() & 0xff; break;
        case 16: raw = signed ? buffer.getShort() : buffer.getShort() & 0xffff; break;
        case 32: raw = signed ? buffer.getInt() : buffer.getInt() & 0xffffffffL; break;
        default: throw new RadiomicsException("unsupported Bits Allocated " + bits + " in " + s.file());
      }
      out[offset + i] = m * raw + b;
    }
  }

  private static DicomObject parse(Path file) {
    try {
      DicomFile f = DicomReader.fullReader().read(file);
      return f.dataset();
    } catch (IOException e) {
      throw new RadiomicsException("not a readable DICOM file: " + file + ": " + e.getMessage(), e);
    }
  }

  private static int intTag(DicomObject d, int tag, Path file) {
    Integer v = d.getInt(tag);
    if (v == null) {
      throw new RadiomicsException("missing tag " + String.format("(%04X,%04X)", tag >>> 16,
          tag & 0xffff) + " in " + file);
    }
    return v;
  }

  private static double[] required(double[] values, int n, Path file, String name) {
    if (values == null || values.length < n) {
      throw new RadiomicsException("missing or short " + name + " in " + file);
    }
    return values;
  }

  private static double[] cross(double[] iop) {
    return new double[] {iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5],
        iop[0] * iop[4] - iop[1] * iop[3]};
  }

  private static boolean close(double[] a, double[] b, double tolerance) {
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i] - b[i]) > tolerance) {
        return false;
      }
    }
    return true;
  }
}
