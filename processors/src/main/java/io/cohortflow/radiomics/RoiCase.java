package io.cohortflow.radiomics;

import java.nio.file.Path;
import java.util.List;

/**
 * One line of the ROI table: an image and the mask expression of one ROI.
 *
 * @param caseId identifies the case in outputs ({@code PatientID__ScanName} or the plain form's
 *     {@code case_id})
 * @param roiName the ROI as written in the table (e.g. {@code {GTV_Mass}+{GTV_Edema}})
 * @param modality CT, MR, PET… (empty in the plain form: the settings' single block is used)
 * @param image the image file
 * @param masks mask files with their sign: union of the {@code +} terms minus the {@code -} terms,
 *     in order
 * @param label when set, a mask voxel belongs to the ROI when its value equals this label;
 *     otherwise when it is above 0.5
 */
public record RoiCase(String caseId, String roiName, String modality, Path image,
    List<MaskTerm> masks, Integer label) {

  public RoiCase {
    masks = List.copyOf(masks);
  }

  /** A mask file added to ({@code subtract == false}) or removed from the ROI. */
  public record MaskTerm(Path path, boolean subtract) { }
}
