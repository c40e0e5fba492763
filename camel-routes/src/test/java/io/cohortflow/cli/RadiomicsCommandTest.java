package io.cohortflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortflow.testsupport.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RadiomicsCommandTest {
  @Test
  void batchWritesFeaturesAndCarriesOnAfterBadCases(@TempDir Path dir) throws Exception {
    Path phantom = SharedData.resolve("data/ibsi/digital_phantom");
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.copy(phantom.resolve("image.nii.gz"), data.resolve("P1__S1.CT.nii.gz"));
    Files.copy(phantom.resolve("mask.nii.gz"), data.resolve("P1__S1(GTV).ROI.nii.gz"));
    Files.writeString(data.resolve("P2__S1.CT.nii.gz"), "not a nifti file");
    Files.copy(phantom.resolve("mask.nii.gz"), data.resolve("P2__S1(GTV).ROI.nii.gz"));
    Path table = dir.resolve("rois.csv");
    Files.writeString(table, "PatientID,ImagingScanName,ImagingModality,ROIname\n"
        + "P1,S1,CT,{GTV}\nP2,S1,CT,{GTV}\nP3,S1,CT,{GTV}\n");
    Path out = dir.resolve("out");
    int code = CohortflowCli.commandLine().execute("radiomics", "--settings",
        Path.of("..", "config", "ibsi", "digital-phantom.json").toString(), "--roi-csv",
        table.toString(), "--data", data.toString(), "--out", out.toString(), "--workers", "2",
        "--no-db");
    assertThat(code).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
    List<String> lines = Files.readAllLines(out.resolve("features.csv"));
    assertThat(lines).hasSize(4);
    List<String> header = List.of(lines.get(0).split(","));
    String[] ok = lines.get(1).split(",", -1);
    assertThat(ok[0]).isEqualTo("P1__S1");
    assertThat(ok[header.indexOf("status")]).isEqualTo("ok");
    // IBSI digital phantom: 74 voxels of 8 mm3, mean grey level 2.15 (reference values)
    assertThat(Double.parseDouble(ok[header.indexOf("morph_vol_approx")])).isEqualTo(592.0);
    assertThat(Double.parseDouble(ok[header.indexOf("stat_energy")])).isEqualTo(567.0);
    assertThat(lines.get(2)).startsWith("P2__S1,{GTV},CT,,error,").contains("P2__S1.CT.nii.gz");
    assertThat(lines.get(3)).startsWith("P3__S1,{GTV},CT,,error,missing file");
    JsonNode json = new ObjectMapper().readTree(out.resolve("cases/P1__S1___GTV_.json").toFile());
    assertThat(json.get("status").asText()).isEqualTo("ok");
    assertThat(json.get("settings_sha256").asText()).hasSize(64);
    assertThat(json.at("/diagnostics/int_mask_vox_count_reseg_roi").asDouble()).isEqualTo(74);
    assertThat(json.at("/settings/0/features/ivh_i10").asDouble()).isEqualTo(5);
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("features.csv", "diagnostics.csv", "cases");
    }
  }

  @Test
  void badSettingsAreAUsageError(@TempDir Path dir) throws Exception {
    Path settings = dir.resolve("s.json");
    Files.writeString(settings, "{\"imParamCT\": {\"reSeg\": {\"rang\": [0, 1]}}}");
    int code = CohortflowCli.commandLine().execute("radiomics", "--settings", settings.toString(),
        "--image", "x.nii.gz", "--mask", "y.nii.gz", "--no-db");
    assertThat(code).isEqualTo(ExitCodes.USAGE);
  }
}
