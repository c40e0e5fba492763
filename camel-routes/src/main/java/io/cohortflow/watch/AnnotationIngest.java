package io.cohortflow.watch;

import io.cohortflow.annotations.AnnotationDataset;
import io.cohortflow.annotations.AnnotationOptions;
import io.cohortflow.annotations.AnnotationUsageException;
import io.cohortflow.annotations.BatchListener;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the annotation processor (as {@code cohortflow annotations} does, with the options of the
 * {@code annotations-*} settings) on each NIfTI mask dropped into {@code INBOX/annotations/}: the
 * CSV files go to {@code OUTBOX/annotations/} laid out as that command lays them out, then the mask
 * is moved to {@code processed/annotations/}. A file that is not a {@code .nii}/{@code .nii.gz}
 * mask the processor can read is refused: a {@code job_error} row, then the file and a sidecar in
 * {@code failed/annotations/}.
 */
final class AnnotationIngest {
  private static final Logger LOG = LoggerFactory.getLogger(AnnotationIngest.class);
  static final String ROUTE = "annotations";

  private final WatchConfig config;
  private final AnnotationDataset processor;
  private final AnnotationOptions options;
  private final ImportJob job;
  private final FailedInputs failed;
  private final WatchStatistics statistics;
  private final OutboxChanges outboxChanges;

  /** @param outboxChanges told of each mask's output folder once written */
  AnnotationIngest(WatchConfig config, AnnotationOptions options, long maxVoxels, ImportJob job,
      FailedInputs failed, WatchStatistics statistics, OutboxChanges outboxChanges) {
    this.config = config;
    this.options = options;
    this.processor = new AnnotationDataset(options, new NiftiReader(maxVoxels), 1);
    this.job = job;
    this.failed = failed;
    this.statistics = statistics;
    this.outboxChanges = outboxChanges;
  }

  /**
   * The annotation options from the {@code annotations-*} settings; a value the processor does
   * not know is an error naming the setting.
   */
  static AnnotationOptions options(CamelContext context) {
    String key = "";
    try {
      key = "annotations-target-size";
      String size = WatchConfig.value(context, key);
      TargetSize targetSize = size.isEmpty() ? null : TargetSize.parse(size);
      key = "annotations-view";
      View view = View.parse(WatchConfig.value(context, key));
      key = "annotations-saving-mode";
      SavingMode saving = SavingMode.parse(WatchConfig.value(context, key));
      key = "annotations-extraction-mode";
      ExtractionMode extraction = ExtractionMode.parse(WatchConfig.value(context, key));
      key = "annotations-data-mode";
      DataMode data = DataMode.parse(WatchConfig.value(context, key));
      key = "annotations-split";
      ComponentSplit split = ComponentSplit.parse(WatchConfig.value(context, key));
      return new AnnotationOptions(view, saving, extraction, data, targetSize, false, split,
          Boolean.parseBoolean(WatchConfig.value(context, "annotations-physical")));
    } catch (AnnotationUsageException e) {
      throw new IllegalArgumentException(WatchConfig.PREFIX + key + ": " + e.getMessage(), e);
    }
  }

  /** Processes one dropped file (its name relative to the annotations folder). */
  void ingest(Path file, String name) throws IOException, SQLException, InterruptedException {
    String relative = WatchConfig.ANNOTATIONS_FOLDER + "/" + name;
    statistics.filesReceived.incrementAndGet();
    if (!name.endsWith(".nii") && !name.endsWith(".nii.gz")) {
      refuse(file, relative, "discover", "not a NIfTI mask (expected a .nii or .nii.gz file)");
      return;
    }
    BatchOutcome outcome = processor.run(List.of(file), outputs(), BatchListener.NONE);
    if (outcome.hasFailures()) {
      removeEmptyOutputFolders(file);
      refuse(file, relative, "annotate", outcome.failures().get(0).reason());
      return;
    }
    long count = outcome.counts().get(0).count();
    outboxChanges.written(List.of(
        NiftiInputs.outputFolder(outputs(), options.savingMode(), options.view(), file)));
    AtomicFiles.move(file, AtomicFiles.inside(config.processedArea(), relative));
    statistics.masksAnnotated.incrementAndGet();
    LOG.info("Annotations of {}: {} annotations ({} view) in {}", relative, count,
        options.view().label(), outputs());
  }

  /** The processor creates a mask's output folder before reading it (as nidataset does). */
  private void removeEmptyOutputFolders(Path file) throws IOException {
    Path folder = NiftiInputs.outputFolder(outputs(), options.savingMode(), options.view(), file);
    while (!folder.equals(outputs()) && Files.isDirectory(folder)) {
      try (var entries = Files.list(folder)) {
        if (entries.findAny().isPresent()) {
          return;
        }
      }
      Files.delete(folder);
      folder = folder.getParent();
    }
  }

  private Path outputs() {
    return config.outbox().resolve(WatchConfig.ANNOTATIONS_FOLDER);
  }

  private void refuse(Path file, String relative, String stage, String reason)
      throws SQLException, IOException {
    job.recordFailure(relative, stage, reason);
    failed.move(file, relative, ROUTE, stage, reason);
    statistics.filesFailed.incrementAndGet();
    LOG.warn("Not annotated: {} ({}: {})", relative, stage, reason);
  }
}
