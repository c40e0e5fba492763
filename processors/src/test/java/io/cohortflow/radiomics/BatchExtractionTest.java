package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.nifti.NiftiDatatype;
import io.cohortflow.nifti.NiftiHeader;
import io.cohortflow.nifti.NiftiImage;
import io.cohortflow.nifti.NiftiWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mask expressions, labels and per-case errors of the batch, on small synthetic NIfTI files. */
class BatchExtractionTest {
  private static final double[][] AFFINE = {{2, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 1}};

  private static void write(Path file, int n, byte[] values, double[][] affine) throws Exception {
    NiftiHeader h = NiftiHeader.forImage(new int[] {n, n, n}, NiftiDatatype.UINT8, affine);
    NiftiWriter.write(new NiftiImage(h, values), file);
  }

  /** Voxels x < limit along x in a 6^3 cube, with the given value. */
  private static byte[] slab(int limit, int value) {
    byte[] v = new byte[216];
    for (int i = 0; i < 216; i++) {
      v[i] = (byte) (i % 6 < limit ? value : 0);
    }
    return v;
  }

  @Test
  void masksCombineAndBadCasesBecomeErrors(@TempDir Path dir) throws Exception {
    byte[] image = new byte[216];
    for (int i = 0; i < 216; i++) {
      image[i] = (byte) (10 + i % 7);
    }
    write(dir.resolve("P__S.CT.nii.gz"), 6, image, AFFINE);
    write(dir.resolve("P__S(A).ROI.nii.gz"), 6, slab(4, 1), AFFINE);
    write(dir.resolve("P__S(B).ROI.nii.gz"), 6, slab(2, 1), AFFINE);
    double[][] shifted = {{2, 0, 0, 5}, {0, 2, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 1}};
    write(dir.resolve("P__S(C).ROI.nii.gz"), 6, slab(2, 1), shifted);
    write(dir.resolve("labels.nii.gz"), 6, slab(3, 7), AFFINE);
    Files.writeString(dir.resolve("rois.csv"), "PatientID,ImagingScanName,ImagingModality,ROIname\n"
        + "P,S,CT,{A}\nP,S,CT,{A}-{B}\nP,S,CT,{B}+{A}\nP,S,CT,{A}+{C}\n");
    Files.writeString(dir.resolve("plain.csv"), "case_id,image,mask,label\n"
        + "L7,P__S.CT.nii.gz,labels.nii.gz,7\nL3,P__S.CT.nii.gz,labels.nii.gz,3\n");
    RadiomicsSettings settings = RadiomicsSettings.parse(("{\"imParamCT\": {\"extract\":"
        + " {\"Morph\": false, \"Stats\": true}}}").getBytes(StandardCharsets.UTF_8));
    BatchExtraction batch = new BatchExtraction(settings, TextureExtractor.NONE, false);
    List<CaseOutcome> medimage = batch.run(RoiTable.read(dir.resolve("rois.csv"), dir), 2, o -> { });
    assertThat(voxels(medimage.get(0))).isEqualTo(4 * 36);
    assertThat(voxels(medimage.get(1))).isEqualTo(2 * 36);
    assertThat(voxels(medimage.get(2))).isEqualTo(4 * 36);
    assertThat(medimage.get(3).error()).contains("P__S(C).ROI.nii.gz").contains("origin");
    List<CaseOutcome> plain = batch.run(RoiTable.read(dir.resolve("plain.csv"), dir), 1, o -> { });
    assertThat(voxels(plain.get(0))).isEqualTo(3 * 36);
    assertThat(plain.get(1).error()).isEqualTo("empty ROI: the mask has no voxel");
  }

  private static double voxels(CaseOutcome o) {
    assertThat(o.error()).isNull();
    return o.features().diagnostics().get("int_mask_vox_count_init_roi");
  }
}
