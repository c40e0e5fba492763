package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohortflow.nifti.NiftiFormatException;
import io.cohortflow.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The texture benchmark's figures on the CT phantom (one short run), and unreadable input. */
class TextureBenchmarkTest {

  @Test
  void timesEveryFamilyAndWholeCases() throws IOException, InterruptedException {
    Path folder = SharedData.resolve("data/ibsi/ct_phantom/nifti");
    ImageVolume image = TextureBenchmark.readVolume(folder.resolve("image/phantom.nii.gz"));
    ImageVolume mask = TextureBenchmark.readVolume(folder.resolve("mask/mask.nii.gz"));
    assertThat(image.dims()).containsExactly(204, 201, 60);
    assertThat(image.spacing()[2]).isEqualTo(3.0);
    TextureBenchmark benchmark = new TextureBenchmark(image, mask);

    TextureBenchmark.CaseTimes times = benchmark.time(TexturePhantomConfiguration.D, 1);
    assertThat(times.familySeconds()).containsOnlyKeys(TextureFamily.values());
    assertThat(times.familySeconds().values()).allMatch(s -> s > 0);
    assertThat(times.totalSeconds()).isGreaterThan(times.chainSeconds());

    TextureBenchmark.Throughput throughput = benchmark.throughput(
        List.of(TexturePhantomConfiguration.C, TexturePhantomConfiguration.D), 2, 2);
    assertThat(throughput.cases()).isEqualTo(2);
    assertThat(throughput.casesPerHour()).isPositive();
  }

  @Test
  void aFileThatIsNotNiftiIsReportedWithItsName(@TempDir Path dir) throws IOException {
    Path bogus = Files.writeString(dir.resolve("image.nii"), "not a NIfTI header");

    assertThatThrownBy(() -> TextureBenchmark.readVolume(bogus))
        .isInstanceOf(NiftiFormatException.class)
        .hasMessageContaining("image.nii");
  }
}
