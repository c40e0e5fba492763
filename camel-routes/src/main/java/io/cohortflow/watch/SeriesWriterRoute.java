package io.cohortflow.watch;

import java.util.Arrays;
import org.apache.camel.builder.RouteBuilder;

/**
 * Writes each complete series (from the trickle aggregator) to the database and its stack CSV.
 * A failure is redelivered with backoff; after that the aggregation repository keeps the series
 * and its recovery task hands it over again until the write succeeds.
 */
final class SeriesWriterRoute extends RouteBuilder {
  static final String ENDPOINT = "direct:series";

  private final SeriesIngest ingest;

  SeriesWriterRoute(SeriesIngest ingest) {
    this.ingest = ingest;
  }

  @Override
  public void configure() {
    errorHandler(Redelivery.policy(getContext()));
    from(ENDPOINT).routeId("series-writer")
        .process(exchange -> ingest.ingest(
            exchange.getIn().getHeader(TrickleInboxRoute.SUBJECT, String.class),
            exchange.getIn().getHeader(TrickleInboxRoute.SERIES, String.class),
            Arrays.asList(exchange.getIn().getBody(String[].class))));
  }
}
