package io.cohortflow.cli;

import io.cohortflow.radiomics.ImageVolume;
import io.cohortflow.radiomics.ModalitySettings;
import io.cohortflow.radiomics.RadiomicsSettings;
import io.cohortflow.radiomics.TextureBenchmark;
import io.cohortflow.radiomics.TextureFamily;
import io.cohortflow.radiomics.VolumeLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cohortflow bench texture}: median seconds per case of the radiomics engine on the IBSI CT
 * phantom (whole case, its stages, and each texture family on its own), and cases per hour with
 * parallel workers.
 */
@Command(
    name = "texture",
    mixinStandardHelpOptions = true,
    description = "Times the radiomics engine on the IBSI CT phantom with the IBSI settings of "
        + "configurations C and D by default: median seconds per case (whole case, stages, each "
        + "texture family), then cases/hour with parallel workers.")
final class BenchTextureCommand implements Callable<Integer> {
  private static final List<String> STAGES =
      List.of("processing", "morphology", "intensity", "texture");

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--image", description = "CT image (NIfTI). Default: the IBSI CT phantom in "
      + "$COHORTFLOW_SHARED or ../shared.")
  Path image;

  @Option(names = "--mask", description = "ROI mask (NIfTI) on the image grid. Default: the "
      + "phantom's GTV-1 mask.")
  Path mask;

  @Option(names = "--settings", split = ",",
      defaultValue = "config/ibsi/config-C.json,config/ibsi/config-D.json",
      description = "Radiomics settings files, one row each. Default: ${DEFAULT-VALUE}.")
  List<Path> settingsFiles;

  @Option(names = "--repetitions", defaultValue = "5",
      description = "Timed runs per settings file (after one warm-up). Default: ${DEFAULT-VALUE}.")
  int repetitions;

  @Option(names = "--workers", defaultValue = "2",
      description = "Parallel workers for the throughput run. Default: ${DEFAULT-VALUE}.")
  int workers;

  @Option(names = "--cases", defaultValue = "8",
      description = "Whole cases in the throughput run. Default: ${DEFAULT-VALUE}.")
  int cases;

  @Override
  public Integer call() throws Exception {
    if (repetitions < 1 || workers < 1 || cases < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--repetitions, --workers and --cases must be at least 1");
    }
    List<ModalitySettings> settings = new ArrayList<>();
    for (Path file : settingsFiles) {
      settings.add(RadiomicsSettings.read(file).single());
    }
    Path phantom = sharedFolder().resolve("data/ibsi/ct_phantom/nifti");
    ImageVolume imageVolume =
        VolumeLoader.read(image != null ? image : phantom.resolve("image/phantom.nii.gz"));
    ImageVolume maskVolume =
        VolumeLoader.read(mask != null ? mask : phantom.resolve("mask/mask.nii.gz"));
    TextureBenchmark benchmark = new TextureBenchmark(imageVolume, maskVolume);
    PrintWriter out = spec.commandLine().getOut();

    out.printf(Locale.ROOT, "median seconds per case over %d runs; texture families also timed "
        + "alone on the discretised ROI%n", repetitions);
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-16s %8s", "settings",
        "case"));
    STAGES.forEach(stage -> header.append(String.format(Locale.ROOT, " %10s", stage)));
    for (TextureFamily family : TextureFamily.values()) {
      header.append(String.format(Locale.ROOT, " %7s", family));
    }
    out.println(header);
    for (int s = 0; s < settings.size(); s++) {
      TextureBenchmark.CaseTimes times = benchmark.time(settings.get(s), repetitions);
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-16s %8.3f",
          label(settingsFiles.get(s)), times.caseSeconds()));
      for (String stage : STAGES) {
        row.append(cell(times.stageSeconds().get(stage), 10));
      }
      for (TextureFamily family : TextureFamily.values()) {
        row.append(cell(times.familySeconds().get(family), 7));
      }
      out.println(row);
    }
    TextureBenchmark.Throughput throughput = benchmark.throughput(settings, workers, cases);
    out.printf(Locale.ROOT, "%d cases with %d workers in %.2f s: %.0f cases/hour%n",
        throughput.cases(), throughput.workers(), throughput.wallSeconds(),
        throughput.casesPerHour());
    out.flush();
    return ExitCodes.OK;
  }

  private static String cell(Double seconds, int width) {
    return seconds == null ? String.format(Locale.ROOT, " %" + width + "s", "-")
        : String.format(Locale.ROOT, " %" + width + ".3f", seconds);
  }

  private static String label(Path file) {
    return file.getFileName().toString().replaceFirst("\\.json$", "");
  }

  private static Path sharedFolder() {
    String env = System.getenv("COHORTFLOW_SHARED");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared");
  }
}
