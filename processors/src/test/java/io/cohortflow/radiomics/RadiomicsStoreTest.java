package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.store.Database;
import io.cohortflow.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Radiomics rows in MariaDB through the V3 migration. */
class RadiomicsStoreTest {
  @Test
  void storesRunCasesWithStatusAndFeaturesWithFamily() throws Exception {
    Map<String, Double> features = new LinkedHashMap<>();
    features.put("morph_volume", 556.0);
    features.put("stat_mean", 2.15);
    features.put("morph_moran_i", Double.NaN);
    CaseFeatures ok = new CaseFeatures(Map.of("int_mask_vox_count_reseg_roi", 74.0),
        List.of(new CaseFeatures.Row("scale0x0x0", features)), Map.of());
    RoiCase a = new RoiCase("P1__S1", "{GTV}", "CT", Path.of("P1__S1.CT.nii.gz"), List.of(), null);
    RoiCase b = new RoiCase("P2__S1", "{GTV}", "CT", Path.of("P2__S1.CT.nii.gz"), List.of(), null);
    List<CaseOutcome> outcomes = List.of(new CaseOutcome(a, ok, null),
        new CaseOutcome(b, null, "missing file: P2__S1.CT.nii.gz"));
    try (Database db = Database.openMigrated(TestDatabase.fresh("radiomics"), 2)) {
      long run = new RadiomicsStore(db.dataSource()).write(outcomes, "ab".repeat(32), "s.json");
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        ResultSet r = s.executeQuery("SELECT cases_ok, cases_failed, settings_sha256 FROM"
            + " radiomics_run WHERE id = " + run);
        assertThat(r.next()).isTrue();
        assertThat(r.getInt(1)).isEqualTo(1);
        assertThat(r.getInt(2)).isEqualTo(1);
        assertThat(r.getString(3)).isEqualTo("ab".repeat(32));
        r = s.executeQuery("SELECT case_id, status, error FROM radiomics_case ORDER BY case_id");
        assertThat(r.next()).isTrue();
        assertThat(r.getString(2)).isEqualTo("ok");
        assertThat(r.getString(3)).isNull();
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).isEqualTo("P2__S1");
        assertThat(r.getString(2)).isEqualTo("error");
        assertThat(r.getString(3)).isEqualTo("missing file: P2__S1.CT.nii.gz");
        r = s.executeQuery("SELECT family, tag, value FROM radiomics_feature ORDER BY tag");
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).isEqualTo("morphology");
        assertThat(r.getString(2)).isEqualTo("morph_moran_i");
        assertThat(r.getObject(3)).isNull();
        assertThat(r.next()).isTrue();
        assertThat(r.getDouble(3)).isEqualTo(556.0);
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).isEqualTo("intensity-based statistics");
        assertThat(r.getDouble(3)).isEqualTo(2.15);
        assertThat(r.next()).isFalse();
      }
    }
  }
}
