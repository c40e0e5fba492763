package io.cohortflow.annotations;

import io.cohortflow.nifti.NiftiImage;
import io.cohortflow.nifti.NiftiReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * nidataset's {@code extract_slices_dataset}: every slice of every volume of a folder as TIFFs in
 * {@code out/<file name>/<view>/} (case mode) or {@code out/<view>/} (view mode), optionally with
 * {@code out/<view>_slices_stats.csv}. Parallel over files with output identical to one worker.
 */
public final class SliceDataset {
  private final SliceOptions options;
  private final NiftiReader reader;
  private final int workers;

  public SliceDataset(SliceOptions options, NiftiReader reader, int workers) {
    this.options = options;
    this.reader = reader;
    this.workers = workers;
  }

  public BatchOutcome runFolder(Path inputDir, Path outputDir, BatchListener listener)
      throws IOException, InterruptedException {
    return run(NiftiInputs.listFolder(inputDir), outputDir, listener);
  }

  public BatchOutcome run(List<Path> files, Path outputDir, BatchListener listener)
      throws IOException, InterruptedException {
    Files.createDirectories(outputDir);
    SliceExtractor extractor = new SliceExtractor(options);
    BatchOutcome outcome = OrderedBatch.run(files, workers,
        file -> {
          Files.createDirectories(NiftiInputs.outputFolder(outputDir, options.savingMode(), options.view(), file));
          NiftiImage volume = reader.readImage(file);
          extractor.check(volume);
          return volume;
        },
        (file, volume) -> extractor.write(volume, NiftiInputs.outputFolder(outputDir, options.savingMode(), options.view(), file),
            AnnotationWriter.stem(file.getFileName().toString())),
        listener);
    if (options.saveStats()) {
      StatsFile.write(outputDir.resolve(options.view().label() + "_slices_stats.csv"),
          "NUM_SLICES", "TOTAL_SLICES", outcome);
    }
    return outcome;
  }
}
