package io.cohortflow.annotations;

import io.cohortflow.nifti.NiftiReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * nidataset's {@code extract_annotations_dataset} (and, for one file, {@code extract_annotations}):
 * reads each mask, extracts its annotations and writes the CSV files into
 * {@code out/<file name>/<view>/} (case mode) or {@code out/<view>/} (view mode), optionally with
 * {@code out/<view>_annotations_stats.csv}. Files are processed by {@code workers} threads with
 * output identical to one; a file that fails is reported to the listener and skipped.
 */
public final class AnnotationDataset {
  private final AnnotationOptions options;
  private final NiftiReader reader;
  private final int workers;

  public AnnotationDataset(AnnotationOptions options, NiftiReader reader, int workers) {
    this.options = options;
    this.reader = reader;
    this.workers = workers;
  }

  /** Processes every NIfTI file directly in {@code inputDir} (see {@link NiftiInputs}). */
  public BatchOutcome runFolder(Path inputDir, Path outputDir, BatchListener listener)
      throws IOException, InterruptedException {
    return run(NiftiInputs.listFolder(inputDir), outputDir, listener);
  }

  /** Processes the given files, in this order. */
  public BatchOutcome run(List<Path> files, Path outputDir, BatchListener listener)
      throws IOException, InterruptedException {
    Files.createDirectories(outputDir);
    AnnotationExtractor extractor = new AnnotationExtractor(options);
    AnnotationWriter writer = new AnnotationWriter(options);
    BatchOutcome outcome = OrderedBatch.run(files, workers,
        file -> {
          Files.createDirectories(NiftiInputs.outputFolder(outputDir, options.savingMode(), options.view(), file));
          return extractor.extract(reader.readImage(file));
        },
        (file, annotations) -> {
          String name = file.getFileName().toString();
          writer.write(NiftiInputs.outputFolder(outputDir, options.savingMode(), options.view(), file), AnnotationWriter.csvPrefix(name), annotations);
          return annotations.boxes().size();
        },
        listener);
    if (options.saveStats()) {
      StatsFile.write(outputDir.resolve(options.view().label() + "_annotations_stats.csv"),
          "NUM_ANNOTATIONS", "TOTAL_ANNOTATIONS", outcome);
    }
    return outcome;
  }
}
