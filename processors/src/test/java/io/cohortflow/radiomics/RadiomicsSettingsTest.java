package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RadiomicsSettingsTest {
  private static RadiomicsSettings parse(String json) {
    return RadiomicsSettings.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsMedimageBlocks() {
    RadiomicsSettings s = parse("{\"imParamCT\": {\"approach\": \"2D\","
        + "\"interp\": {\"scale_non_text\": [2, 2, 0], \"scale_text\": [[1, 1, 1], [2, 2, 2]],"
        + " \"vol_interp\": \"cubic\", \"gl_round\": 1, \"roi_interp\": \"nearest\", \"roi_pv\": 0.4},"
        + "\"reSeg\": {\"range\": [-1000, \"inf\"], \"outliers\": \"Collewet\"},"
        + "\"discretization\": {\"IH\": {\"type\": \"FBN\", \"val\": 64}, \"IVH\": {},"
        + " \"texture\": {\"type\": [\"FBS\", \"FBN\"], \"val\": [[25, 50], [32]]}},"
        + "\"extract\": {\"Morph\": true, \"GLCM\": false}}}");
    ModalitySettings ct = s.forModality("ct");
    ProcessingSettings p = ct.processing();
    assertThat(p.spacing()).containsExactly(2, 2, 0);
    assertThat(p.imageInterpolation()).isEqualTo(Interpolation.CUBIC);
    assertThat(p.roiInterpolation()).isEqualTo(Interpolation.NEAREST);
    assertThat(p.roundingStep()).isEqualTo(1);
    assertThat(p.partialVolumeThreshold()).isEqualTo(0.4);
    assertThat(p.rangeLow()).isEqualTo(-1000);
    assertThat(p.rangeHigh()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(p.outlierFiltering()).isTrue();
    assertThat(ct.textureSpacings()).hasSize(2);
    assertThat(ct.histogramDiscretisation()).isEqualTo(
        new Discretisation(Discretisation.Type.FBN, 64));
    assertThat(ct.volumeHistogramDiscretisation()).isNull();
    assertThat(ct.textureDiscretisations()).extracting(Discretisation::label)
        .containsExactly("FBS25", "FBS50", "FBN32");
    assertThat(ct.twoDimensional()).isTrue();
    assertThat(ct.families()).containsExactly(FeatureFamily.MORPHOLOGY);
    assertThat(s.hash()).hasSize(64);
  }

  @Test
  void unknownKeysAreErrorsNamingKeyAndPath() {
    assertThatThrownBy(() -> parse("{\"imParamCT\": {\"interp\": {\"scale_non_txt\": [1, 1, 1]}}}"))
        .isInstanceOf(RadiomicsException.class)
        .hasMessageContaining("'scale_non_txt'").hasMessageContaining("imParamCT.interp");
    assertThatThrownBy(() -> parse("{\"imParamXR\": {}}"))
        .hasMessageContaining("'imParamXR'").hasMessageContaining("top level");
    assertThatThrownBy(() -> parse("{\"imParamCT\": {\"extract\": {\"Shape\": true}}}"))
        .hasMessageContaining("'Shape'").hasMessageContaining("imParamCT.extract");
  }

  @Test
  void badValuesAreErrors() {
    assertThatThrownBy(() -> parse("{\"imParamCT\": {\"reSeg\": {\"range\": [400, -500]}}}"))
        .hasMessageContaining("imParamCT.reSeg.range");
    assertThatThrownBy(() -> parse("{\"imParamCT\": {\"discretisation\": {\"IH\":"
        + " {\"type\": \"FBX\", \"val\": 3}}}}")).hasMessageContaining("FBX");
    assertThatThrownBy(() -> parse("{\"imParamCT\": {\"approach\": \"4D\", \"extract\": {\"Morph\": true}}}"))
        .hasMessageContaining("imParamCT.approach");
    assertThatThrownBy(() -> parse("[1, 2]")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> parse("{\"imParamCT\": {}}")).hasMessageContaining("IH: missing");
    assertThatThrownBy(() -> parse("{\"imParamCT\": {\"extract\": {\"Morph\": true}}}").forModality("MR"))
        .hasMessageContaining("no block for modality MR");
  }

  @Test
  void roiTableReadsBothFormsAndCombinesMasks(@TempDir Path dir) throws Exception {
    Path medimage = dir.resolve("rois.csv");
    Files.writeString(medimage, "PatientID,ImagingScanName,ImagingModality,ROIname\n"
        + "P1,T1,MR,{GTV_Edema}-{GTV_Mass}\nP2,CT1,CT,GTV\n");
    List<RoiCase> cases = RoiTable.read(medimage, dir);
    assertThat(cases.get(0).image()).isEqualTo(dir.resolve("P1__T1.MR.nii.gz"));
    assertThat(cases.get(0).masks()).containsExactly(
        new RoiCase.MaskTerm(dir.resolve("P1__T1(GTV_Edema).ROI.nii.gz"), false),
        new RoiCase.MaskTerm(dir.resolve("P1__T1(GTV_Mass).ROI.nii.gz"), true));
    assertThat(cases.get(1).masks()).extracting(RoiCase.MaskTerm::path)
        .containsExactly(dir.resolve("P2__CT1(GTV).ROI.nii.gz"));
    Path plain = dir.resolve("plain.csv");
    Files.writeString(plain, "case_id,image,mask,label\nc1,img/a.nii.gz,seg/a.nii.gz,2\n");
    RoiCase c = RoiTable.read(plain, dir).get(0);
    assertThat(c.label()).isEqualTo(2);
    assertThat(c.image()).isEqualTo(dir.resolve("img/a.nii.gz"));
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "PatientID,ImagingScanName,ImagingModality,ROIname\nP1,T1,MR,{A}*{B}\n");
    assertThatThrownBy(() -> RoiTable.read(bad, dir)).hasMessageContaining("bad.csv line 2")
        .hasMessageContaining("{A}*{B}");
    Path wrong = dir.resolve("wrong.csv");
    Files.writeString(wrong, "id,file\n1,x\n");
    assertThatThrownBy(() -> RoiTable.read(wrong, dir)).hasMessageContaining("expected the columns");
  }
}
