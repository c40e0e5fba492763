package io.cohortflow.watch;

import io.cohortflow.extraction.SeriesWork;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Dataset drops: a marker file ({@code ready-marker}) in a folder of the inbox's datasets area
 * says the folder is complete. {@link DatasetIngest} plans the folder, a streaming split hands
 * each series to route {@code dataset-series} in its own exchange, in order, and the dataset is
 * finished once every series is written and its folder moved to {@code processed/}, marker
 * included. A marker still in the datasets area is therefore a dataset not yet done: a failed
 * ingestion (or one cut short by a stop) leaves it in place, and a later poll (or the next start)
 * takes it again and resumes by extraction's resume rules, which live in MariaDB with the rows.
 * No idempotent repository is needed on top: one that remembered the marker would have to forget
 * it again on failure, which it cannot do while the database is away.
 */
final class DatasetDropRoute extends RouteBuilder {
  static final String SERIES_ROUTE = "dataset-series";
  private static final String RUN = "cohortflow.datasetRun";

  private final DatasetIngest ingest;

  DatasetDropRoute(DatasetIngest ingest) {
    this.ingest = ingest;
  }

  @Override
  public void configure() {
    errorHandler(Redelivery.policy(getContext()));
    String p = "{{" + WatchConfig.PREFIX;
    from("file:" + p + "inbox}}/" + p + "datasets-folder}}?recursive=true&maxDepth=2"
        + "&antInclude=*/" + p + "ready-marker}}&noop=true&idempotent=false"
        + "&filter=#" + DatasetRetries.REGISTRY_NAME + WatchConfig.IN_PROGRESS
        // No read lock: the marker's content is never read, and its dataset is complete once it
        // exists. A lock would only hold every drop back for read-lock-min-age.
        + "&initialDelay=" + p + "poll-delay}}&delay=" + p + "poll-delay}}")
        .routeId(DatasetIngest.ROUTE)
        // before start, which is redelivered on its own: one hook per attempt at the dataset
        .process(this::onFailureHoldBack)
        .process(this::start)
        // in order: a subject's last series completes it
        .split(body()).streaming().stopOnException()
            .to("direct:" + SERIES_ROUTE)
        .end()
        .process(exchange -> ingest.finish(exchange.getProperty(RUN, DatasetIngest.Run.class)));

    from("direct:" + SERIES_ROUTE)
        .routeId(SERIES_ROUTE)
        .process(exchange -> ingest.write(exchange.getProperty(RUN, DatasetIngest.Run.class),
            exchange.getIn().getBody(SeriesWork.class)));
  }

  /**
   * A failed attempt holds the dataset back ({@link DatasetRetries}), also one that failed before
   * its run started (the database away when the job row is written).
   */
  private void onFailureHoldBack(Exchange exchange) {
    Path marker = marker(exchange);
    exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
      @Override
      public void onFailure(Exchange failed) {
        ingest.abandon(marker, failed.getProperty(RUN, DatasetIngest.Run.class));
      }
    });
  }

  private void start(Exchange exchange) throws Exception {
    DatasetIngest.Run run = ingest.start(marker(exchange));
    exchange.setProperty(RUN, run);
    exchange.getIn().setBody(run.plan());
  }

  private static Path marker(Exchange exchange) {
    return Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class));
  }
}
