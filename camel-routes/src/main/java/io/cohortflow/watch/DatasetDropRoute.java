package io.cohortflow.watch;

import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Dataset drops: a marker file ({@code ready-marker}) in a folder of the inbox's datasets area
 * says the folder is complete. Each marker is taken once (an idempotent repository in MariaDB
 * keyed by path and time stamp) and the folder ingested by {@link DatasetIngest}; a failed
 * ingestion leaves the marker in place, so it is retried (and resumed) on a later poll.
 */
final class DatasetDropRoute extends RouteBuilder {
  static final String MARKERS_REPOSITORY = "datasetMarkers";

  private final DatasetIngest ingest;

  DatasetDropRoute(DatasetIngest ingest) {
    this.ingest = ingest;
  }

  @Override
  public void configure() {
    errorHandler(Redelivery.policy(getContext()));
    String p = "{{" + WatchConfig.PREFIX;
    from("file:" + p + "inbox}}/" + p + "datasets-folder}}?recursive=true&maxDepth=2"
        + "&antInclude=*/" + p + "ready-marker}}&noop=true&idempotent=true"
        + "&idempotentRepository=#" + MARKERS_REPOSITORY
        + "&idempotentKey=${file:absolute.path}@${file:modified}"
        // no lock marker file: the ingestion moves the folder, marker included, away
        + "&readLock=changed&readLockMarkerFile=false&readLockMinLength=0&readLockMinAge=" + p + "read-lock-min-age}}"
        + "&readLockCheckInterval=" + p + "read-lock-check-interval}}"
        + "&initialDelay=" + p + "poll-delay}}&delay=" + p + "poll-delay}}")
        .routeId(DatasetIngest.ROUTE)
        .process(exchange -> ingest.ingest(
            Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class))));
  }
}
