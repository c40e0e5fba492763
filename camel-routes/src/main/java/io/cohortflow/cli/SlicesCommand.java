package io.cohortflow.cli;

import io.cohortflow.annotations.AnnotationUsageException;
import io.cohortflow.annotations.BatchOutcome;
import io.cohortflow.annotations.NiftiInputs;
import io.cohortflow.annotations.SavingMode;
import io.cohortflow.annotations.SliceDataset;
import io.cohortflow.annotations.SliceOptions;
import io.cohortflow.annotations.TargetSize;
import io.cohortflow.annotations.View;
import io.cohortflow.nifti.NiftiReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cohortflow slices}: nidataset's {@code extract_slices_dataset}, every slice of every
 * volume as a float32 TIFF, byte-identical to nidataset's files.
 */
@Command(
    name = "slices",
    mixinStandardHelpOptions = true,
    description = "Writes every slice of the NIfTI volumes of INPUT_DIR as float32 TIFFs "
        + "(nidataset's extract_slices_dataset).")
final class SlicesCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INPUT_DIR")
  Path input;

  @Parameters(index = "1", paramLabel = "OUTPUT_DIR")
  Path output;

  @Option(names = "--view", defaultValue = "axial", description = "axial, coronal or sagittal (default: ${DEFAULT-VALUE}).")
  String view;

  @Option(names = "--saving-mode", defaultValue = "case",
      description = "case: OUTPUT_DIR/<file>/<view>/; view: OUTPUT_DIR/<view>/ (default: ${DEFAULT-VALUE}).")
  String savingMode;

  @Option(names = "--target-size", paramLabel = "H,W", description = "Pad every slice to H x W.")
  String targetSize;

  @Option(names = "--pad-value", defaultValue = "0.0", description = "Value of padding pixels (default: ${DEFAULT-VALUE}).")
  float padValue;

  @Option(names = "--save-stats", description = "Also write OUTPUT_DIR/<view>_slices_stats.csv.")
  boolean saveStats;

  @Option(names = "--workers", defaultValue = "1", description = "Files processed in parallel (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--max-voxels", defaultValue = "" + NiftiReader.DEFAULT_MAX_VOXELS,
      description = "Refuse volumes with more voxels than this (default: ${DEFAULT-VALUE}).")
  long maxVoxels;

  @Override
  public Integer call() throws Exception {
    try {
      List<Path> inputs = NiftiInputs.listFolder(input);
      SliceOptions options = new SliceOptions(View.parse(view), SavingMode.parse(savingMode),
          targetSize == null ? null : TargetSize.parse(targetSize), padValue, saveStats);
      BatchCli.checkWorkers(workers);
      try (FileProgress progress = new FileProgress("slices", inputs.size(), spec.commandLine().getOut())) {
        BatchOutcome outcome = new SliceDataset(options, new NiftiReader(maxVoxels), workers)
            .run(inputs, output, progress);
        return BatchCli.exitCode(spec, outcome, "slices");
      }
    } catch (AnnotationUsageException e) {
      return BatchCli.usageError(spec, e);
    }
  }
}
