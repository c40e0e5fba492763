package io.cohortflow.radiomics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs the extraction of many case × ROI lines on a fixed number of worker threads. Each worker
 * loads, processes and releases one case at a time, so memory is bounded by the number of workers;
 * a case that fails (missing file, bad mask, empty ROI…) is recorded as failed and the others go
 * on. Outcomes come back in table order.
 */
public final class BatchExtraction {
  private final RadiomicsSettings settings;
  private final TextureExtractor texture;
  private final boolean wholeImageDiagnostics;

  public BatchExtraction(RadiomicsSettings settings, TextureExtractor texture,
      boolean wholeImageDiagnostics) {
    this.settings = settings;
    this.texture = texture;
    this.wholeImageDiagnostics = wholeImageDiagnostics;
  }

  /** @param onDone called (from worker threads) after each case, e.g. to advance a progress bar */
  public List<CaseOutcome> run(List<RoiCase> cases, int workers, Consumer<CaseOutcome> onDone)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
    try {
      List<Future<CaseOutcome>> futures = new ArrayList<>();
      for (RoiCase c : cases) {
        futures.add(pool.submit(() -> {
          CaseOutcome outcome = extract(c);
          onDone.accept(outcome);
          return outcome;
        }));
      }
      List<CaseOutcome> outcomes = new ArrayList<>();
      for (Future<CaseOutcome> f : futures) {
        try {
          outcomes.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a worker failed outside case handling", e.getCause());
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Extracts one case; never throws for bad input, which becomes the outcome's error. */
  public CaseOutcome extract(RoiCase c) {
    try {
      ModalitySettings s = c.modality().isEmpty() ? settings.single()
          : settings.forModality(c.modality());
      ImageVolume image = VolumeLoader.read(c.image());
      ImageVolume mask = roiMask(c, image);
      CaseFeatures features = new RadiomicsExtractor(s, texture, wholeImageDiagnostics)
          .extract(image, mask);
      return new CaseOutcome(c, features, null);
    } catch (RadiomicsException e) {
      return new CaseOutcome(c, null, e.getMessage());
    } catch (OutOfMemoryError e) {
      return new CaseOutcome(c, null, "out of memory: " + e.getMessage());
    } catch (RuntimeException e) {
      return new CaseOutcome(c, null, "unexpected error: " + e);
    }
  }

  /** The ROI as 0/1 voxels: the + masks united, then the - masks removed, each checked against the image grid. */
  static ImageVolume roiMask(RoiCase c, ImageVolume image) {
    double[] roi = new double[image.size()];
    for (RoiCase.MaskTerm term : c.masks()) {
      ImageVolume mask = VolumeLoader.read(term.path());
      String mismatch = image.geometryMismatch(mask);
      if (mismatch != null) {
        throw new RadiomicsException("mask " + term.path() + " does not match image " + c.image()
            + ": " + mismatch);
      }
      double[] m = mask.voxels();
      for (int i = 0; i < roi.length; i++) {
        boolean in = c.label() == null ? m[i] > 0.5 : m[i] == c.label();
        if (in) {
          roi[i] = term.subtract() ? 0 : 1;
        }
      }
    }
    return image.withVoxels(roi);
  }
}
