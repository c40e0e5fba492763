package io.cohortflow.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Writes complete series (from the trickle aggregator) to the database and their stack CSVs. The
 * series of one subject that complete within {@code series-batch-delay} of each other are written
 * together (at most {@code batch-size} instances per batch), so a drop of many small series costs
 * a few transactions per subject rather than several per series; {@code max-series-in-flight}
 * such writes run at once. A failure is redelivered with backoff; when the attempts are exhausted
 * the dead-letter route releases the series' files, which are still in the inbox, and the next
 * poll takes them again.
 */
final class SeriesWriterRoute extends RouteBuilder {
  static final String ENDPOINT = "direct:series";
  private static final String DEAD_LETTER = "direct:series-failed";

  private final SeriesIngest ingest;
  private final ExecutorService writers;
  private final int batchSize;

  SeriesWriterRoute(SeriesIngest ingest, ExecutorService writers, int batchSize) {
    this.ingest = ingest;
    this.writers = writers;
    this.batchSize = batchSize;
  }

  @Override
  public void configure() {
    errorHandler(Redelivery.deadLetter(getContext(), DEAD_LETTER));
    from(ENDPOINT).routeId("series-writer")
        .aggregate(header(TrickleInboxRoute.SUBJECT), new SubjectSeries())
            .completionTimeout("{{" + WatchConfig.PREFIX + "series-batch-delay}}")
            .completionTimeoutCheckerInterval(TrickleInboxRoute.TIMEOUT_CHECK_MS)
            .completionPredicate(exchange -> instances(exchange) >= batchSize)
            .parallelProcessing().executorService(writers)
        .process(exchange -> ingest.ingest(series(exchange)));
    from(DEAD_LETTER).routeId("series-failed")
        .process(exchange -> ingest.release(series(exchange)));
  }

  @SuppressWarnings("unchecked")
  private static List<CollectedSeries> series(Exchange exchange) {
    return exchange.getIn().getBody(List.class);
  }

  private static int instances(Exchange exchange) {
    return series(exchange).stream().mapToInt(s -> s.rows().size()).sum();
  }

  /** Collects the complete series of one subject into a list. */
  private static final class SubjectSeries implements AggregationStrategy {
    @Override
    public Exchange aggregate(Exchange collected, Exchange arriving) {
      CollectedSeries series = arriving.getIn().getBody(CollectedSeries.class);
      if (collected == null) {
        List<CollectedSeries> all = new ArrayList<>();
        all.add(series);
        arriving.getIn().setBody(all);
        return arriving;
      }
      series(collected).add(series);
      return collected;
    }
  }
}
