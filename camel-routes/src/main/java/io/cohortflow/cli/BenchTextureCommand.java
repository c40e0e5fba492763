package io.cohortflow.cli;

import io.cohortflow.radiomics.ImageVolume;
import io.cohortflow.radiomics.TextureBenchmark;
import io.cohortflow.radiomics.TextureFamily;
import io.cohortflow.radiomics.TexturePhantomConfiguration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cohortflow bench texture}: seconds per case of the IBSI texture families on the CT
 * phantom through the full processing chain (median, per family), and cases per hour with
 * parallel workers.
 */
@Command(
    name = "texture",
    mixinStandardHelpOptions = true,
    description = "Times the texture families on the IBSI CT phantom (configurations C and D by "
        + "default): median seconds per case by family, then cases/hour with parallel workers.")
final class BenchTextureCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--image", description = "CT image (NIfTI). Default: the IBSI CT phantom in "
      + "$COHORTFLOW_SHARED or ../shared.")
  Path image;

  @Option(names = "--mask", description = "ROI mask (NIfTI) on the image grid. Default: the "
      + "phantom's GTV-1 mask.")
  Path mask;

  @Option(names = "--configurations", split = ",", defaultValue = "C,D",
      description = "IBSI configurations to run (A-D). Default: ${DEFAULT-VALUE}.")
  List<TexturePhantomConfiguration> configurations;

  @Option(names = "--repetitions", defaultValue = "5",
      description = "Timed runs per configuration (after one warm-up). Default: ${DEFAULT-VALUE}.")
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
    Path phantom = sharedFolder().resolve("data/ibsi/ct_phantom/nifti");
    ImageVolume imageVolume = TextureBenchmark.readVolume(
        image != null ? image : phantom.resolve("image/phantom.nii.gz"));
    ImageVolume maskVolume = TextureBenchmark.readVolume(
        mask != null ? mask : phantom.resolve("mask/mask.nii.gz"));
    TextureBenchmark benchmark = new TextureBenchmark(imageVolume, maskVolume);
    PrintWriter out = spec.commandLine().getOut();

    out.printf(Locale.ROOT, "median seconds per case over %d runs%n", repetitions);
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-6s %8s", "config",
        "chain"));
    for (TextureFamily family : TextureFamily.values()) {
      header.append(String.format(Locale.ROOT, " %8s", family));
    }
    out.println(header.append(String.format(Locale.ROOT, " %8s", "total")));
    for (TexturePhantomConfiguration configuration : configurations) {
      TextureBenchmark.CaseTimes times = benchmark.time(configuration, repetitions);
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-6s %8.3f",
          configuration, times.chainSeconds()));
      for (TextureFamily family : TextureFamily.values()) {
        Double seconds = times.familySeconds().get(family);
        row.append(seconds == null ? String.format(Locale.ROOT, " %8s", "-")
            : String.format(Locale.ROOT, " %8.3f", seconds));
      }
      out.println(row.append(String.format(Locale.ROOT, " %8.3f", times.totalSeconds())));
    }
    TextureBenchmark.Throughput throughput =
        benchmark.throughput(configurations, workers, cases);
    out.printf(Locale.ROOT, "%d cases with %d workers in %.2f s: %.0f cases/hour%n",
        throughput.cases(), throughput.workers(), throughput.wallSeconds(),
        throughput.casesPerHour());
    out.flush();
    return ExitCodes.OK;
  }

  private static Path sharedFolder() {
    String env = System.getenv("COHORTFLOW_SHARED");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared");
  }
}
