package io.cohortflow.store;

import io.cohortflow.extraction.InstanceRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the modality-specific rows of a batch's series (MR, CT or PET details, from each
 * series' first file) and writes them with one multi-row statement per table and mode: rows to
 * refresh replace the stored ones, others are inserted only when absent.
 */
final class SeriesDetailsWriter {
  private static final String MR = "mr_series_details (series_id, repetition_time, echo_time,"
      + " inversion_time, flip_angle, echo_train_length, mr_acquisition_type, diffusion_b_value,"
      + " parallel_acquisition_technique, magnetic_field_strength)";
  private static final String CT = "ct_series_details (series_id, kvp, exposure_time,"
      + " x_ray_tube_current, exposure, convolution_kernel, spiral_pitch_factor, ctdi_vol)";
  private static final String PET = "pet_series_details (series_id, radiopharmaceutical,"
      + " radionuclide_total_dose, radionuclide_half_life, reconstruction_method,"
      + " attenuation_correction_method, suv_type)";

  /** "INSERT IGNORE INTO table" or "REPLACE INTO table" → rows. */
  private final Map<String, List<Object[]>> statements = new LinkedHashMap<>();

  void add(long seriesId, InstanceRecord r, boolean refresh) {
    String modality = r.modality() == null ? "" : r.modality().trim();
    String verb = refresh ? "REPLACE INTO " : "INSERT IGNORE INTO ";
    switch (modality) {
      case "MR" -> statements.computeIfAbsent(verb + MR, k -> new ArrayList<>()).add(new Object[] {
          seriesId, r.repetitionTime(), r.echoTime(), r.inversionTime(), r.flipAngle(),
          r.echoTrainLength(), r.mrAcquisitionType(), r.diffusionBValue(),
          r.parallelAcquisitionTechnique(), r.magneticFieldStrength()});
      case "CT" -> statements.computeIfAbsent(verb + CT, k -> new ArrayList<>()).add(new Object[] {
          seriesId, r.kvp(), r.exposureTime(), r.xRayTubeCurrent(), r.exposure(),
          r.convolutionKernel(), r.spiralPitchFactor(), r.ctdiVol()});
      case "PT" -> statements.computeIfAbsent(verb + PET, k -> new ArrayList<>()).add(new Object[] {
          seriesId, r.radiopharmaceutical(), r.radionuclideTotalDose(), r.radionuclideHalfLife(),
          r.reconstructionMethod(), r.attenuationCorrectionMethod(), r.suvType()});
      default -> {
        // other modalities have no details table
      }
    }
  }

  void write(Connection c) throws SQLException {
    for (Map.Entry<String, List<Object[]>> statement : statements.entrySet()) {
      List<Object[]> rows = statement.getValue();
      String tuple = "(" + ExtractionWriter.placeholders(rows.get(0).length) + ")";
      try (PreparedStatement ps = c.prepareStatement(statement.getKey() + " VALUES "
          + String.join(", ", Collections.nCopies(rows.size(), tuple)))) {
        int p = 1;
        for (Object[] row : rows) {
          for (Object value : row) {
            ps.setObject(p++, value);
          }
        }
        ps.executeUpdate();
      }
    }
  }
}
