package io.cohortflow.radiomics;

import io.cohortflow.nifti.NiftiFormatException;
import io.cohortflow.nifti.NiftiImage;
import io.cohortflow.nifti.NiftiReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads NIfTI images and masks into {@link ImageVolume}s: intensities with the header's scaling
 * applied, voxel spacing, origin and direction cosines from the header's affine. A 4-D file is
 * accepted only when its fourth dimension is 1. A folder is read as a DICOM series.
 */
public final class VolumeLoader {
  private VolumeLoader() {
  }

  /**
   * Reads a NIfTI file, or a folder holding one DICOM series ({@link DicomSeriesLoader}).
   *
   * @throws RadiomicsException naming the file when it is missing, unreadable or not 3-D
   */
  public static ImageVolume read(Path path) {
    if (Files.isDirectory(path)) {
      return DicomSeriesLoader.read(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new RadiomicsException("missing file: " + path);
    }
    NiftiImage nifti;
    try {
      nifti = NiftiReader.read(path);
    } catch (NoSuchFileException e) {
      throw new RadiomicsException("missing file: " + path, e);
    } catch (NiftiFormatException e) {
      throw new RadiomicsException("not a readable NIfTI file: " + path + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new RadiomicsException("cannot read " + path + ": " + e.getMessage(), e);
    }
    if (nifti.channels() != 1 || (nifti.ndim() > 3 && nifti.voxelCount()
        != (long) nifti.size(0) * nifti.size(1) * nifti.size(2))) {
      throw new RadiomicsException("not a 3-D scalar image: " + path);
    }
    int nx = nifti.size(0);
    int ny = nifti.size(1);
    int nz = nifti.size(2);
    double[] voxels = new double[nx * ny * nz];
    for (int i = 0; i < voxels.length; i++) {
      voxels[i] = nifti.scaled(i);
    }
    double[][] affine = nifti.header().affine();
    double[] spacing = new double[3];
    double[] origin = new double[3];
    double[] direction = new double[9];
    for (int a = 0; a < 3; a++) {
      double norm = Math.sqrt(affine[0][a] * affine[0][a] + affine[1][a] * affine[1][a]
          + affine[2][a] * affine[2][a]);
      if (!(norm > 0)) {
        throw new RadiomicsException("degenerate voxel axis " + a + " in the affine of " + path);
      }
      spacing[a] = norm;
      origin[a] = affine[a][3];
      for (int c = 0; c < 3; c++) {
        direction[3 * a + c] = affine[c][a] / norm;
      }
    }
    return new ImageVolume(nx, ny, nz, spacing, origin, direction, voxels);
  }
}
