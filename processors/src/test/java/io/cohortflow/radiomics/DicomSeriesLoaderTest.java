package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohortflow.testsupport.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomSeriesLoaderTest {
  @Test
  void ctPhantomSeriesEqualsItsNiftiConversion() {
    Path ct = SharedData.resolve("data/ibsi/ct_phantom");
    ImageVolume dicom = VolumeLoader.read(ct.resolve("dicom/image"));
    ImageVolume nifti = VolumeLoader.read(ct.resolve("nifti/image/phantom.nii.gz"));
    assertThat(dicom.geometryMismatch(nifti)).isNull();
    int differing = 0;
    for (int i = 0; i < dicom.size(); i++) {
      differing += dicom.voxels()[i] == nifti.voxels()[i] ? 0 : 1;
    }
    assertThat(dicom.size()).isEqualTo(204 * 201 * 60);
    assertThat(differing).isZero();
  }

  @Test
  void folderWithoutDicomIsACaseError(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> VolumeLoader.read(dir)).isInstanceOf(RadiomicsException.class)
        .hasMessageContaining("no DICOM file");
    Files.writeString(dir.resolve("notes.txt"), "hello");
    assertThatThrownBy(() -> VolumeLoader.read(dir)).isInstanceOf(RadiomicsException.class)
        .hasMessageContaining("notes.txt");
  }
}
