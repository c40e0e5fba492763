package io.cohortflow.watch;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.AggregationRepository;

/**
 * Files that arrive one by one in the inbox: taken once they stopped changing (read lock),
 * identified by {@code workers} threads behind a bounded queue (a full queue makes the poller
 * wait), collected per SeriesInstanceUID in a persistent aggregation repository and handed to
 * {@code direct:series} once the series has been quiet for {@code series-quiet-period}. A file
 * is moved to {@code processed/} once it is in the repository, or to {@code failed/} when refused.
 */
final class TrickleInboxRoute extends RouteBuilder {
  static final String SUBJECT = "CohortflowSubject";
  static final String SERIES = "CohortflowSeries";
  private static final String ARCHIVE = "CohortflowArchive";

  private final TrickleIntake intake;
  private final AggregationRepository repository;
  private final ExecutorService seriesThreads;

  TrickleInboxRoute(TrickleIntake intake, AggregationRepository repository,
      ExecutorService seriesThreads) {
    this.intake = intake;
    this.repository = repository;
    this.seriesThreads = seriesThreads;
  }

  @Override
  public void configure() {
    errorHandler(Redelivery.policy(getContext()));
    WatchConfig config = WatchConfig.from(getContext());
    String p = "{{" + WatchConfig.PREFIX;
    from("file:" + p + "inbox}}?recursive=true"
        + "&antExclude=" + p + "datasets-folder}}/**,processed/**,failed/**,annotations/**"
        + "&readLock=changed&readLockMinLength=0&readLockMinAge=" + p + "read-lock-min-age}}"
        + "&readLockCheckInterval=" + p + "read-lock-check-interval}}"
        + "&delay=" + p + "poll-delay}}&maxMessagesPerPoll=" + p + "max-files-per-poll}}"
        + "&sortBy=file:name&move=${exchangeProperty." + ARCHIVE + "}/${file:name}")
        .routeId(TrickleIntake.ROUTE)
        .setProperty(ARCHIVE, constant("processed"))
        .threads(config.workers(), config.workers())
            .maxQueueSize(config.workers() * WatchConfig.positive(getContext(), "queue-per-worker"))
            .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns)
            .threadName("cohortflow-intake")
        .process(this::identify)
        .filter(exchangeProperty(ARCHIVE).isEqualTo("processed"))
        .aggregate(header(SERIES), new SeriesFiles())
            .aggregationRepository(repository)
            // files of different series are added by the workers at once; a clash on one
            // series is retried (the repository keeps a version per series)
            .optimisticLocking()
            .completionTimeout(p + "series-quiet-period}}")
            .parallelProcessing().executorService(seriesThreads)
        .to(SeriesWriterRoute.ENDPOINT);
  }

  private void identify(Exchange exchange) throws Exception {
    String relative = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
    Path file = Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class));
    TrickleIntake.Placement placement = intake.identify(file, relative);
    if (placement == null) {
      exchange.setProperty(ARCHIVE, "failed");
      return;
    }
    exchange.getIn().setHeader(SUBJECT, placement.subjectKey());
    exchange.getIn().setHeader(SERIES, placement.seriesInstanceUid());
    // The repository stores plain strings: the file itself is archived by the consumer.
    exchange.getIn().setBody(relative);
  }

  /** The relative paths of a series' files, as a String array (serialisable as it is). */
  private static final class SeriesFiles implements AggregationStrategy {
    @Override
    public Exchange aggregate(Exchange collected, Exchange arriving) {
      String path = arriving.getIn().getBody(String.class);
      if (collected == null) {
        arriving.getIn().setBody(new String[] {path});
        return arriving;
      }
      String[] paths = collected.getIn().getBody(String[].class);
      String[] more = Arrays.copyOf(paths, paths.length + 1);
      more[paths.length] = path;
      collected.getIn().setBody(more);
      return collected;
    }
  }
}
