package io.cohortflow.watch;

import io.cohortflow.annotations.AnnotationOptions;
import io.cohortflow.extraction.DicomHeaderReader;
import io.cohortflow.extraction.PatientIdentifiers;
import io.cohortflow.store.CohortExporter;
import io.cohortflow.store.ExtractionWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ManagementStatisticsLevel;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code cohortflow watch} service: a Camel context with the trickle, series-writer,
 * dataset-drop, annotations and statistics routes over one database. Settings come from the bundled
 * {@code application.properties}, an optional extra properties file, environment variables and
 * explicit overrides, in increasing priority. {@link #close()} stops gracefully: consumers stop
 * taking input, in-flight exchanges get {@code shutdown-timeout} seconds to finish, and the files
 * of series still being collected stay in the inbox for the next start.
 */
public final class WatchApplication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchApplication.class);

  private final CamelContext context;
  private final ImportJob job;
  private final WatchStatistics statistics;
  private final WatchConfig config;

  private WatchApplication(CamelContext context, ImportJob job, WatchStatistics statistics,
      WatchConfig config) {
    this.context = context;
    this.job = job;
    this.statistics = statistics;
    this.config = config;
  }

  /**
   * Starts the service.
   *
   * @param overrides settings that take precedence over every other source (keys
   *     {@code cohortflow.watch.*})
   * @param configFile an extra properties file, or null
   * @param dataSource the migrated cohortflow database
   * @param identifiers how PatientID is hashed
   */
  public static WatchApplication start(Properties overrides, Path configFile,
      DataSource dataSource, PatientIdentifiers identifiers) throws Exception {
    CamelContext context = new DefaultCamelContext();
    // The first location holding a key wins: the --config file before the bundled defaults.
    context.getPropertiesComponent().setLocation((configFile == null ? ""
        : "file:" + configFile.toAbsolutePath() + ",") + "classpath:application.properties");
    context.getPropertiesComponent().setOverrideProperties(overrides);
    // Every setting is checked before anything is written.
    WatchConfig config = WatchConfig.from(context);
    S3Settings s3 = S3Settings.from(context);
    int seriesInFlight = WatchConfig.positive(context, "max-series-in-flight");
    int maxPending = WatchConfig.positive(context, "max-files-pending");
    WatchConfig.positive(context, "series-batch-delay");
    long datasetRetryDelay = WatchConfig.positiveLong(context, "dataset-retry-delay");
    long datasetRetryMaxDelay = WatchConfig.positiveLong(context, "dataset-retry-max-delay");
    AnnotationOptions annotationOptions = AnnotationIngest.options(context);
    long maxVoxels = WatchConfig.positiveLong(context, "annotations-max-voxels");
    if (WatchConfig.flag(context, "jmx")) {
      // Per-route counters only: per-processor ones would time every step of every file.
      context.getManagementStrategy().getManagementAgent()
          .setStatisticsLevel(ManagementStatisticsLevel.RoutesOnly);
    } else {
      context.disableJMX();
    }
    Files.createDirectories(config.inbox());
    Files.createDirectories(config.outbox());
    WatchStatistics statistics = new WatchStatistics();
    ExtractionWriter writer = new ExtractionWriter(dataSource);
    CohortExporter exporter = new CohortExporter(dataSource);
    DicomHeaderReader reader = new DicomHeaderReader();
    FailedInputs failed = new FailedInputs(config.failedArea());
    ImportJob job = ImportJob.start(writer, config);

    ExecutorService seriesThreads = context.getExecutorServiceManager().newFixedThreadPool(
        WatchApplication.class, "cohortflow-series", seriesInFlight);
    PendingFiles pending = new PendingFiles(config, maxPending);
    context.getRegistry().bind(PendingFiles.REGISTRY_NAME, pending);
    context.getRegistry().bind(InputsInProgress.REGISTRY_NAME, new InputsInProgress());

    context.addRoutes(new TrickleInboxRoute(
        new TrickleIntake(config, reader, identifiers, job, failed, statistics, pending)));
    boolean mirrorOutbox = s3.enabled() && !s3.outputPrefix().isEmpty();
    OutboxChanges outboxChanges = mirrorOutbox ? OutboxChanges.kept() : OutboxChanges.ignored();
    EmptyFolders emptyFolders = null;
    if (WatchConfig.flag(context, "prune-empty-folders")) {
      emptyFolders = new EmptyFolders(config.inbox(),
          WatchConfig.positiveLong(context, "series-quiet-period"), Clock.systemUTC());
      context.addRoutes(new EmptyFoldersRoute(emptyFolders));
    }
    context.addRoutes(new SeriesWriterRoute(
        new SeriesIngest(config, exporter, job, statistics, pending, emptyFolders,
            outboxChanges),
        seriesThreads, config.batchSize()));
    DatasetRetries retries = new DatasetRetries(datasetRetryDelay, datasetRetryMaxDelay,
        Clock.systemUTC());
    context.getRegistry().bind(DatasetRetries.REGISTRY_NAME, retries);
    ExecutorService datasetCsvThread = context.getExecutorServiceManager()
        .newSingleThreadExecutor(WatchApplication.class, "cohortflow-dataset-csv");
    context.addRoutes(new DatasetDropRoute(new DatasetIngest(config, reader, identifiers, writer,
        exporter, failed, statistics, retries, datasetCsvThread, outboxChanges)));
    context.addRoutes(new AnnotationsRoute(new AnnotationIngest(config, annotationOptions,
        maxVoxels, job, failed, statistics, outboxChanges)));
    context.addRoutes(new StatisticsRoute(statistics));
    if (s3.enabled()) {
      S3Client client = s3.client();
      context.getRegistry().bind(S3InboxRoute.CLIENT, client);
      StagedObjects staged = new StagedObjects(config.inbox());
      S3Outbox outputs = mirrorOutbox
          ? new S3Outbox(config.outbox(), client, s3.bucket(), s3.outputPrefix(), outboxChanges)
          : null;
      S3PollGuard guard = new S3PollGuard();
      context.getRegistry().bind(S3PollGuard.REGISTRY_NAME, guard);
      S3Staging staging = new S3Staging(config, s3, client, job, failed, staged);
      context.getRegistry().bind(S3ObjectsInProgress.REGISTRY_NAME,
          new S3ObjectsInProgress(staging));
      context.addRoutes(new S3InboxRoute(s3, staging,
          new S3Archiver(config, s3, client, failed, staged, outputs), guard));
      LOG.info("Staging objects from {}", s3);
    }
    context.getShutdownStrategy().setTimeout(WatchConfig.positive(context, "shutdown-timeout"));
    context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
    pending.restore();
    if (emptyFolders != null) {
      emptyFolders.noteLeftEmpty(config.inboxAreas());
    }
    context.start();
    LOG.info("Watching {} (datasets in {}/, marker {}), outputs in {}", config.inbox(),
        config.datasetsFolder(), config.readyMarker(), config.outbox());
    return new WatchApplication(context, job, statistics, config);
  }

  public CamelContext context() {
    return context;
  }

  public WatchStatistics statistics() {
    return statistics;
  }

  public WatchConfig config() {
    return config;
  }

  /** Stops gracefully (see the class comment) and closes the run's job row. */
  @Override
  public void close() {
    context.stop();
    try {
      job.finish();
    } catch (SQLException e) {
      LOG.warn("Could not close job of this watch run: {}", e.getMessage());
    }
    LOG.info("Stopped: {} files imported, {} failed, {} series, {} datasets, {} masks annotated",
        statistics.filesImported(), statistics.filesFailed.get(), statistics.seriesWritten(),
        statistics.datasetsIngested(), statistics.masksAnnotated());
  }
}
