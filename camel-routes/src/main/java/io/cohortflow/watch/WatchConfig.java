package io.cohortflow.watch;

import java.nio.file.Path;
import java.util.Set;
import org.apache.camel.CamelContext;

/**
 * The typed settings of {@code cohortflow watch}, read from the Camel properties (the bundled
 * {@code application.properties}, environment overrides, an optional {@code --config} file and the
 * command-line options). Route endpoints use the same keys as {@code {{cohortflow.watch.*}}}
 * placeholders; this record serves the plain-Java steps.
 *
 * @param inbox the folder watched for files and dataset drops
 * @param outbox the folder of the CSV outputs
 * @param cohort the cohort of files that trickle in
 * @param datasetsFolder the inbox subfolder that receives dataset drops
 * @param readyMarker the file name that marks a dataset drop complete
 * @param seriesMarker the file name that marks the trickle series of its folder complete
 * @param workers threads reading headers (per stage)
 * @param batchSize instances per database transaction
 * @param storeIdentifiers keep PatientID and PatientName in clear
 */
public record WatchConfig(Path inbox, Path outbox, String cohort, String datasetsFolder,
    String readyMarker, String seriesMarker, int workers, int batchSize,
    boolean storeIdentifiers) {

  static final String PREFIX = "cohortflow.watch.";
  /**
   * The file consumers' read lock: a file is taken once it stopped changing for
   * {@code read-lock-min-age}. No lock marker files, since each folder has one consumer, and so no
   * start-up walk of the whole inbox (processed inputs included) looking for orphaned ones.
   */
  static final String READ_LOCK = "&readLock=changed&readLockMarkerFile=false"
      + "&readLockDeleteOrphanLockFiles=false&readLockMinLength=0"
      + "&readLockMinAge={{" + PREFIX + "read-lock-min-age}}"
      + "&readLockCheckInterval={{" + PREFIX + "read-lock-check-interval}}";
  /** The file consumers' in-progress repository ({@link InputsInProgress}). */
  static final String IN_PROGRESS = "&inProgressRepository=#" + InputsInProgress.REGISTRY_NAME;
  /** The inbox subfolder of NIfTI masks for the annotation processor. */
  static final String ANNOTATIONS_FOLDER = "annotations";

  /** The inbox area where archived inputs go once committed. */
  public Path processedArea() {
    return inbox.resolve("processed");
  }

  /**
   * The inbox's own folders, outside the trickle area: datasets, annotations, processed and
   * failed inputs.
   */
  public Set<String> inboxAreas() {
    return Set.of(datasetsFolder, ANNOTATIONS_FOLDER, "processed", "failed");
  }

  /** The inbox area where refused inputs go, each with a {@code .error.txt} sidecar. */
  public Path failedArea() {
    return inbox.resolve("failed");
  }

  static WatchConfig from(CamelContext context) {
    return new WatchConfig(
        Path.of(value(context, "inbox")).toAbsolutePath().normalize(),
        Path.of(value(context, "outbox")).toAbsolutePath().normalize(),
        value(context, "cohort"),
        value(context, "datasets-folder"),
        value(context, "ready-marker"),
        value(context, "series-marker"),
        positive(context, "workers"),
        positive(context, "batch-size"),
        Boolean.parseBoolean(value(context, "store-identifiers")));
  }

  static String value(CamelContext context, String key) {
    return context.resolvePropertyPlaceholders("{{" + PREFIX + key + "}}").trim();
  }

  /** A setting that must be {@code true} or {@code false}. */
  static boolean flag(CamelContext context, String key) {
    String text = value(context, key);
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException(PREFIX + key + " must be true or false, got '" + text
          + "'");
    }
    return Boolean.parseBoolean(text);
  }

  static int positive(CamelContext context, String key) {
    long value = positiveLong(context, key);
    if (value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(PREFIX + key + " must be at most " + Integer.MAX_VALUE
          + ", got " + value);
    }
    return (int) value;
  }

  static long positiveLong(CamelContext context, String key) {
    String text = value(context, key);
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + key + " must be a whole number, got '" + text
          + "'", e);
    }
    if (value < 1) {
      throw new IllegalArgumentException(PREFIX + key + " must be at least 1, got " + value);
    }
    return value;
  }
}
