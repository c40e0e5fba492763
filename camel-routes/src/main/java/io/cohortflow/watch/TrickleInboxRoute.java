package io.cohortflow.watch;

import java.io.File;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * Files that arrive one by one in the inbox: taken once they stopped changing (read lock),
 * identified by {@code workers} threads behind a bounded queue (a full queue makes the poller
 * wait), collected per SeriesInstanceUID in memory and handed to {@code direct:series} once the
 * series has been quiet for {@code series-quiet-period}, or once a series marker file
 * ({@code series-marker}) in the folder of its files says it is complete. The files themselves
 * wait in the {@linkplain PendingFiles pending area} until their series is committed, so that
 * nothing needs to be written per file to survive a restart: a new run takes them again. A
 * refused file goes to {@code failed/}.
 */
final class TrickleInboxRoute extends RouteBuilder {
  static final String SUBJECT = "CohortflowSubject";
  static final String SERIES = "CohortflowSeries";
  private static final String COLLECT = "direct:trickle-series";
  private static final String SORTER = "cohortflowTrickleOrder";
  /** How often the aggregators look for groups whose time is up. */
  static final long TIMEOUT_CHECK_MS = 100;

  private final TrickleIntake intake;

  TrickleInboxRoute(TrickleIntake intake) {
    this.intake = intake;
  }

  @Override
  public void configure() {
    errorHandler(Redelivery.policy(getContext()));
    WatchConfig config = WatchConfig.from(getContext());
    // Each poll's files in path order, so a folder's files come together. A comparator on the
    // path, rather than sortBy=file:name, which evaluates an expression per comparison.
    getContext().getRegistry().bind(SORTER,
        Comparator.comparing((GenericFile<File> file) -> file.getRelativeFilePath()));
    String p = "{{" + WatchConfig.PREFIX;
    // noop: the intake moves a file it has read to the pending area, the series writer moves it
    // on; no idempotent repository, since a file put back into the inbox must be taken again.
    // greedy: a poll that took files is followed at once by the next one, so a large drop is not
    // paced by poll-delay.
    from("file:" + p + "inbox}}?recursive=true&noop=true&idempotent=false&greedy=true"
        + "&filter=#" + PendingFiles.REGISTRY_NAME
        + WatchConfig.READ_LOCK + WatchConfig.IN_PROGRESS
        + "&initialDelay=" + p + "poll-delay}}&delay=" + p + "poll-delay}}"
        + "&maxMessagesPerPoll=" + p + "max-files-per-poll}}"
        + "&sorter=#" + SORTER)
        .routeId(TrickleIntake.ROUTE)
        .process(this::arrive)
        .threads(config.workers(), config.workers())
            .maxQueueSize(config.workers() * WatchConfig.positive(getContext(), "queue-per-worker"))
            .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns)
            .threadName("cohortflow-intake")
        .process(this::identify)
        .choice()
            .when(body().isInstanceOf(List.class))
                .split(body())
                    .process(exchange -> exchange.getIn().setHeader(SERIES, exchange.getIn()
                        .getBody(TrickleIntake.SeriesMarker.class).seriesInstanceUid()))
                    .to(COLLECT)
                .end().endChoice()
            .otherwise()
                .to(COLLECT)
        .end();

    from(COLLECT).routeId("trickle-series")
        .aggregate(header(SERIES), new SeriesRows())
            .completionTimeout(p + "series-quiet-period}}")
            // Camel looks for quiet series once a second by default, which would add up to a
            // second to every series; the groups are in memory, so looking is cheap.
            .completionTimeoutCheckerInterval(TIMEOUT_CHECK_MS)
            .completionPredicate(exchange -> series(exchange).marked())
        .process(exchange -> intake.closed(series(exchange)))
        // a marker that came after its series had completed anyway opens an empty one
        .filter(exchange -> !series(exchange).rows().isEmpty())
        .to(SeriesWriterRoute.ENDPOINT);
  }

  private static CollectedSeries series(Exchange exchange) {
    return exchange.getIn().getBody(CollectedSeries.class);
  }

  /**
   * Counts a file as arriving in its folder until it is collected with its series (or refused),
   * so that a series marker of that folder waits for it. Done on the poller's thread, before the
   * file is queued for a worker: a worker that takes the marker (queued after the folder's files)
   * then knows of every file ahead of it.
   */
  private void arrive(Exchange exchange) {
    String relative = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
    if (intake.isSeriesMarker(relative)) {
      return;
    }
    String folder = TrickleIntake.folderOf(relative);
    intake.arriving(folder);
    exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
      @Override
      public void onDone(Exchange done) {
        intake.settled(folder);
      }
    });
  }

  /**
   * Leaves in the body the arrival to collect, or a list of series markers (empty when there is
   * nothing to collect: a file message whose body is set to null would hand back its file).
   */
  private void identify(Exchange exchange) throws Exception {
    String relative = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
    Path file = Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class));
    if (intake.isSeriesMarker(relative)) {
      List<TrickleIntake.SeriesMarker> marked = intake.seriesMarked(file, relative);
      exchange.getIn().setBody(marked != null ? marked : List.of());
      return;
    }
    TrickleIntake.Arrival arrival = intake.identify(file, relative);
    if (arrival == null) {
      exchange.getIn().setBody(List.of());
      return;
    }
    exchange.getIn().setHeader(SUBJECT, arrival.subjectKey());
    exchange.getIn().setHeader(SERIES, arrival.row().record().seriesInstanceUid());
    exchange.getIn().setBody(arrival);
  }

  /**
   * Collects the arrivals of one series into a {@link CollectedSeries}; a series marker marks it
   * complete (for the completion predicate).
   */
  private static final class SeriesRows implements AggregationStrategy {
    @Override
    public Exchange aggregate(Exchange collected, Exchange arriving) {
      Object body = arriving.getIn().getBody();
      if (collected == null) {
        CollectedSeries series = body instanceof TrickleIntake.SeriesMarker marker
            ? new CollectedSeries(marker.subjectKey(), marker.seriesInstanceUid())
            : new CollectedSeries(((TrickleIntake.Arrival) body).subjectKey(),
                ((TrickleIntake.Arrival) body).row().record().seriesInstanceUid());
        arriving.getIn().setHeader(SUBJECT, series.subjectKey());
        arriving.getIn().setBody(series);
        collected = arriving;
      }
      if (body instanceof TrickleIntake.Arrival arrival) {
        series(collected).add(arrival.row());
      } else {
        series(collected).mark();
      }
      return collected;
    }
  }
}
