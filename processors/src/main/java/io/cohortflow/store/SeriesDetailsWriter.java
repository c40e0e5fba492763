package io.cohortflow.store;

import io.cohortflow.extraction.InstanceRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Writes the modality-specific row of a series (MR, CT or PET details) from its first file. */
final class SeriesDetailsWriter {
  private SeriesDetailsWriter() {}

  static void write(Connection c, long seriesId, InstanceRecord r, boolean refresh)
      throws SQLException {
    String modality = r.modality() == null ? "" : r.modality().trim();
    switch (modality) {
      case "MR" -> insert(c, refresh, "mr_series_details", "series_id, repetition_time,"
          + " echo_time, inversion_time, flip_angle, echo_train_length, mr_acquisition_type,"
          + " diffusion_b_value, parallel_acquisition_technique, magnetic_field_strength",
          seriesId, r.repetitionTime(), r.echoTime(), r.inversionTime(), r.flipAngle(),
          r.echoTrainLength(), r.mrAcquisitionType(), r.diffusionBValue(),
          r.parallelAcquisitionTechnique(), r.magneticFieldStrength());
      case "CT" -> insert(c, refresh, "ct_series_details", "series_id, kvp, exposure_time,"
          + " x_ray_tube_current, exposure, convolution_kernel, spiral_pitch_factor, ctdi_vol",
          seriesId, r.kvp(), r.exposureTime(), r.xRayTubeCurrent(), r.exposure(),
          r.convolutionKernel(), r.spiralPitchFactor(), r.ctdiVol());
      case "PT" -> insert(c, refresh, "pet_series_details", "series_id, radiopharmaceutical,"
          + " radionuclide_total_dose, radionuclide_half_life, reconstruction_method,"
          + " attenuation_correction_method, suv_type",
          seriesId, r.radiopharmaceutical(), r.radionuclideTotalDose(),
          r.radionuclideHalfLife(), r.reconstructionMethod(), r.attenuationCorrectionMethod(),
          r.suvType());
      default -> {
        // other modalities have no details table
      }
    }
  }

  private static void insert(Connection c, boolean refresh, String table, String columns,
      Object... values) throws SQLException {
    String sql = refresh
        ? "REPLACE INTO " + table + " (" + columns + ") VALUES ("
            + ExtractionWriter.placeholders(values.length) + ")"
        : "INSERT IGNORE INTO " + table + " (" + columns + ") VALUES ("
            + ExtractionWriter.placeholders(values.length) + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ExtractionWriter.setAll(ps, values);
      ps.executeUpdate();
    }
  }
}
