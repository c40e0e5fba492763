package io.cohortflow.cli;

import io.cohortflow.annotations.AnnotationDataset;
import io.cohortflow.annotations.AnnotationOptions;
import io.cohortflow.annotations.AnnotationUsageException;
import io.cohortflow.annotations.BatchOutcome;
import io.cohortflow.annotations.ComponentSplit;
import io.cohortflow.annotations.DataMode;
import io.cohortflow.annotations.ExtractionMode;
import io.cohortflow.annotations.NiftiInputs;
import io.cohortflow.annotations.SavingMode;
import io.cohortflow.annotations.TargetSize;
import io.cohortflow.annotations.View;
import io.cohortflow.nifti.NiftiReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cohortflow annotations}: nidataset's {@code extract_annotations_dataset} (or, with
 * {@code --file}, {@code extract_annotations}) with the same outputs byte for byte. Option values
 * are checked in nidataset's order, after the input folder, with its messages.
 */
@Command(
    name = "annotations",
    mixinStandardHelpOptions = true,
    description = {
        "Writes bounding boxes, centres or radii of the labels of NIfTI masks as CSV files,",
        "byte-compatible with nidataset's extract_annotations_dataset.",
        "Usage: annotations INPUT_DIR OUTPUT_DIR, or annotations --file MASK OUTPUT_DIR."})
final class AnnotationsCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..2", paramLabel = "DIR",
      description = "INPUT_DIR OUTPUT_DIR (with --file: only OUTPUT_DIR)")
  List<Path> folders;

  @Option(names = "--file", paramLabel = "MASK", description = "Process this one .nii/.nii.gz file.")
  Path file;

  @Option(names = "--view", defaultValue = "axial", description = "axial, coronal or sagittal (default: ${DEFAULT-VALUE}).")
  String view;

  @Option(names = "--saving-mode", defaultValue = "case",
      description = "case: OUTPUT_DIR/<file>/<view>/; view: OUTPUT_DIR/<view>/ (default: ${DEFAULT-VALUE}).")
  String savingMode;

  @Option(names = "--extraction-mode", defaultValue = "slice",
      description = "slice: one CSV per slice; volume: one CSV per file (default: ${DEFAULT-VALUE}).")
  String extractionMode;

  @Option(names = "--data-mode", defaultValue = "center",
      description = "center, box or radius (default: ${DEFAULT-VALUE}).")
  String dataMode;

  @Option(names = "--target-size", paramLabel = "H,W", description = "Shift coordinates as if slices were padded to H x W.")
  String targetSize;

  @Option(names = "--save-stats", description = "Also write OUTPUT_DIR/<view>_annotations_stats.csv.")
  boolean saveStats;

  @Option(names = "--split", defaultValue = "none",
      description = "none (nidataset), components3d (26-connected) or components2d (8-connected per slice).")
  String split;

  @Option(names = "--physical", description = "Also write the centre in world coordinates (mm, from the affine).")
  boolean physical;

  @Option(names = "--workers", defaultValue = "1", description = "Files processed in parallel (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--max-voxels", defaultValue = "" + NiftiReader.DEFAULT_MAX_VOXELS,
      description = "Refuse masks with more voxels than this (default: ${DEFAULT-VALUE}).")
  long maxVoxels;

  @Override
  public Integer call() throws Exception {
    try {
      List<Path> inputs = inputs();
      Path output = folders.get(folders.size() - 1);
      AnnotationOptions options = new AnnotationOptions(View.parse(view),
          SavingMode.parse(savingMode), ExtractionMode.parse(extractionMode),
          DataMode.parse(dataMode), targetSize == null ? null : TargetSize.parse(targetSize),
          saveStats, ComponentSplit.parse(split), physical);
      BatchCli.checkWorkers(workers);
      try (FileProgress progress = new FileProgress("annotations", inputs.size(), spec.commandLine().getOut())) {
        BatchOutcome outcome = new AnnotationDataset(options, new NiftiReader(maxVoxels), workers)
            .run(inputs, output, progress);
        return BatchCli.exitCode(spec, outcome, "annotations");
      }
    } catch (AnnotationUsageException e) {
      return BatchCli.usageError(spec, e);
    }
  }

  private List<Path> inputs() throws IOException {
    if (file != null) {
      if (folders.size() != 1) {
        throw new AnnotationUsageException("with --file give only OUTPUT_DIR");
      }
      return List.of(NiftiInputs.checkFile(file));
    }
    if (folders.size() != 2) {
      throw new AnnotationUsageException("give INPUT_DIR and OUTPUT_DIR (or --file MASK OUTPUT_DIR)");
    }
    return NiftiInputs.listFolder(folders.get(0));
  }
}
