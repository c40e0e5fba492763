package io.cohortflow.watch;

import java.io.InputStream;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * The S3 inbox: camel-aws2-s3 polls the objects under the prefix, at most
 * {@code s3-max-objects-per-poll} per poll and one at a time, so nothing is downloaded faster than
 * it is staged; {@link S3Staging} does the rest. Objects are moved by the staging step, not by the
 * consumer, so a failed or held-back object stays under the prefix for a later poll.
 */
final class S3InboxRoute extends RouteBuilder {
  static final String CLIENT = "cohortflowS3Client";

  private final S3Settings s3;
  private final S3Staging staging;

  S3InboxRoute(S3Settings s3, S3Staging staging) {
    this.s3 = s3;
    this.staging = staging;
  }

  @Override
  public void configure() {
    errorHandler(Redelivery.policy(getContext()));
    from("aws2-s3://" + s3.bucket() + "?amazonS3Client=#" + CLIENT + "&autowiredEnabled=false"
        + "&prefix=RAW(" + s3.prefix() + ")&deleteAfterRead=false&includeFolders=false"
        + "&maxMessagesPerPoll=" + s3.maxObjectsPerPoll()
        + "&delay={{" + WatchConfig.PREFIX + "poll-delay}}")
        .routeId(S3Staging.ROUTE)
        .process(exchange -> staging.stage(
            exchange.getIn().getHeader(AWS2S3Constants.KEY, String.class),
            exchange.getIn().getBody(InputStream.class)));
  }
}
