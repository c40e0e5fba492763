package io.cohortflow.cli;

import io.cohortflow.radiomics.BatchExtraction;
import io.cohortflow.radiomics.CaseOutcome;
import io.cohortflow.radiomics.RadiomicsException;
import io.cohortflow.radiomics.RadiomicsOutputs;
import io.cohortflow.radiomics.RadiomicsSettings;
import io.cohortflow.radiomics.RadiomicsStore;
import io.cohortflow.radiomics.RoiCase;
import io.cohortflow.radiomics.RoiTable;
import io.cohortflow.radiomics.TextureFeatures;
import io.cohortflow.store.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cohortflow radiomics}: IBSI features of every case × ROI of an ROI table (or of one image
 * and mask), in parallel, into CSV, per-case JSON and the database.
 */
@Command(name = "radiomics", mixinStandardHelpOptions = true,
    description = {"Extract IBSI radiomics features from NIfTI images and ROI masks.",
        "Batch: --roi-csv with MEDimage's columns (PatientID, ImagingScanName, ImagingModality,"
        + " ROIname) or case_id,image,mask[,label]; single case: --image and --mask."})
final class RadiomicsCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RadiomicsCommand.class);

  @Option(names = "--settings", required = true, paramLabel = "FILE",
      description = "Settings JSON (imParamCT/imParamMR/imParamPET blocks).")
  Path settings;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = ".",
      description = "Folder the ROI table's files are found in (default: current folder).")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "radiomics-out",
      description = "Output folder: features.csv, diagnostics.csv, cases/*.json (default:"
          + " ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--workers", paramLabel = "N",
      description = "Cases processed at the same time (default: the number of cores).")
  Integer workers;

  @Option(names = "--modality", paramLabel = "MOD",
      description = "Modality of --image (CT, MR, PET) when the settings have several blocks.")
  String modality;

  @Option(names = "--image-diagnostics",
      description = "Also interpolate the whole image for the *_interp_img mean/min/max"
          + " diagnostics (slower; the ROI alone is interpolated otherwise).")
  boolean imageDiagnostics;

  @Option(names = "--no-db", description = "Write the files only, not the database rows.")
  boolean noDatabase;

  @Mixin DatabaseOptions database;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Either a table of cases or one image and mask. */
  static final class Input {
    @Option(names = "--roi-csv", paramLabel = "CSV", description = "ROI table.")
    Path roiCsv;

    @ArgGroup(exclusive = false)
    Single single;
  }

  /** One image and its mask. */
  static final class Single {
    @Option(names = "--image", required = true, paramLabel = "NIFTI", description = "Image.")
    Path image;

    @Option(names = "--mask", required = true, paramLabel = "NIFTI", description = "ROI mask.")
    Path mask;
  }

  @Override
  public Integer call() throws Exception {
    RadiomicsSettings parsed;
    List<RoiCase> cases;
    try {
      parsed = RadiomicsSettings.read(settings);
      cases = input.roiCsv != null ? RoiTable.read(input.roiCsv, data)
          : List.of(new RoiCase(stem(input.single.image), "mask",
              modality == null ? "" : modality, input.single.image,
              List.of(new RoiCase.MaskTerm(input.single.mask, false)), null));
    } catch (RadiomicsException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e, null,
          settings.toString());
    }
    int threads = workers != null ? workers : Runtime.getRuntime().availableProcessors();
    if (threads < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--workers must be at least 1");
    }
    List<CaseOutcome> outcomes;
    try (ProgressReporter progress = ProgressReporter.start("radiomics", "cases")) {
      progress.total(cases.size());
      outcomes = new BatchExtraction(parsed, TextureFeatures.extractor(1), imageDiagnostics)
          .run(cases, threads, o -> {
            if (!o.succeeded()) {
              LOG.warn("Failed: {} {} ({})", o.roiCase().caseId(), o.roiCase().roiName(), o.error());
            }
            progress.step(1);
          });
    }
    RadiomicsOutputs.write(out, outcomes, parsed.hash());
    if (!noDatabase) {
      try (Database db = database.openMigrated(2)) {
        long run = new RadiomicsStore(db.dataSource()).write(outcomes, parsed.hash(),
            settings.toString());
        LOG.info("Stored as radiomics_run {}", run);
      }
    }
    long failed = outcomes.stream().filter(o -> !o.succeeded()).count();
    PrintWriter w = spec.commandLine().getOut();
    w.printf("Cases: %d, succeeded %d, failed %d; outputs in %s%n", outcomes.size(),
        outcomes.size() - failed, failed, out);
    w.flush();
    return failed == 0 ? ExitCodes.OK : ExitCodes.SOME_INPUTS_FAILED;
  }

  private static String stem(Path image) {
    String name = image.getFileName().toString();
    return name.replaceFirst("\\.nii(\\.gz)?$", "");
  }
}
