package io.cohortflow.watch;

import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * NIfTI masks dropped into {@code INBOX/annotations/}: each file, once it stopped changing, is
 * handed to {@link AnnotationIngest}, which moves it on (to {@code processed/} or {@code failed/});
 * a failure it cannot decide (the database away while a refusal is recorded) leaves the file in
 * place for a later poll.
 */
final class AnnotationsRoute extends RouteBuilder {
  private final AnnotationIngest ingest;

  AnnotationsRoute(AnnotationIngest ingest) {
    this.ingest = ingest;
  }

  @Override
  public void configure() {
    errorHandler(Redelivery.policy(getContext()));
    String p = "{{" + WatchConfig.PREFIX;
    from("file:" + p + "inbox}}/" + WatchConfig.ANNOTATIONS_FOLDER
        + "?noop=true&idempotent=false"
        + WatchConfig.READ_LOCK + WatchConfig.IN_PROGRESS
        + "&initialDelay=" + p + "poll-delay}}&delay=" + p + "poll-delay}}"
        + "&maxMessagesPerPoll=" + p + "max-files-per-poll}}"
        + "&sortBy=file:name")
        .routeId(AnnotationIngest.ROUTE)
        .process(exchange -> ingest.ingest(
            Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class)),
            exchange.getIn().getHeader(Exchange.FILE_NAME, String.class)));
  }
}
