package io.cohortflow.watch;

import java.io.InputStream;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * The S3 inbox: camel-aws2-s3 polls the objects under the prefix, at most
 * {@code s3-max-objects-per-poll} per poll and one at a time, so nothing is downloaded faster than
 * it is staged, and {@link S3Staging} stages them (objects that would only wait are not fetched:
 * {@link S3ObjectsInProgress}); a timer runs {@link S3Archiver} every
 * {@code s3-archive-interval} ms. The consumer never moves or deletes an object, so one that is
 * held back, failed to stage or is not committed yet stays under the prefix.
 */
final class S3InboxRoute extends RouteBuilder {
  static final String CLIENT = "cohortflowS3Client";

  private final S3Settings s3;
  private final S3Staging staging;
  private final S3Archiver archiver;
  private final S3PollGuard guard;

  S3InboxRoute(S3Settings s3, S3Staging staging, S3Archiver archiver, S3PollGuard guard) {
    this.s3 = s3;
    this.staging = staging;
    this.archiver = archiver;
    this.guard = guard;
  }

  @Override
  public void configure() {
    errorHandler(Redelivery.policy(getContext()));
    from("aws2-s3://" + s3.bucket() + "?amazonS3Client=#" + CLIENT + "&autowiredEnabled=false"
        + "&prefix=RAW(" + s3.prefix() + ")&deleteAfterRead=false&includeFolders=false"
        + "&pollStrategy=#" + S3PollGuard.REGISTRY_NAME
        + "&inProgressRepository=#" + S3ObjectsInProgress.REGISTRY_NAME
        + "&maxMessagesPerPoll=" + s3.maxObjectsPerPoll()
        + "&delay={{" + WatchConfig.PREFIX + "poll-delay}}")
        .routeId(S3Staging.ROUTE)
        .process(exchange -> staging.stage(
            exchange.getIn().getHeader(AWS2S3Constants.KEY, String.class),
            exchange.getIn().getHeader(AWS2S3Constants.E_TAG, String.class),
            exchange.getIn().getBody(InputStream.class)));

    from("timer:" + S3Archiver.ROUTE + "?period=" + s3.archiveInterval())
        .routeId(S3Archiver.ROUTE)
        .process(exchange -> guard.exclusively(archiver::archiveSettled));
  }
}
