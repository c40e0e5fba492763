package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.testsupport.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's figures on the CT phantom with the IBSI settings of configuration D (texture
 * families only, to keep the test short).
 */
class TextureBenchmarkTest {

  @Test
  void timesWholeCasesStagesAndEveryTextureFamily() throws InterruptedException {
    Path folder = SharedData.resolve("data/ibsi/ct_phantom/nifti");
    TextureBenchmark benchmark = new TextureBenchmark(
        VolumeLoader.read(folder.resolve("image/phantom.nii.gz")),
        VolumeLoader.read(folder.resolve("mask/mask.nii.gz")));
    ModalitySettings d = TextureIbsiCases.textureOnly("config-D.json");

    TextureBenchmark.CaseTimes times = benchmark.time(d, 1);
    assertThat(times.familySeconds()).containsOnlyKeys(TextureFamily.values());
    assertThat(times.familySeconds().values()).allMatch(s -> s > 0);
    assertThat(times.stageSeconds()).containsKeys("processing", "texture");
    assertThat(times.caseSeconds()).isGreaterThan(times.stageSeconds().get("texture"));

    TextureBenchmark.Throughput throughput = benchmark.throughput(List.of(d), 2, 2);
    assertThat(throughput.cases()).isEqualTo(2);
    assertThat(throughput.casesPerHour()).isPositive();
  }
}
