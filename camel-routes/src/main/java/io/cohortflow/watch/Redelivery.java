package io.cohortflow.watch;

import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.DeadLetterChannelBuilder;
import org.apache.camel.builder.DefaultErrorHandlerBuilder;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;

/**
 * The error handling of every watch route: transient failures (database unreachable, S3 errors)
 * are redelivered with exponential backoff; when the attempts are exhausted the exchange fails,
 * so its input stays where it is (a file in the inbox, an object under the S3 prefix) and is taken
 * again later: nothing is dropped while the database is away. The series writer hands its
 * exhausted exchanges to a dead-letter route instead, which releases their files for a new poll.
 */
final class Redelivery {
  private Redelivery() {}

  static DefaultErrorHandlerDefinition policy(CamelContext context) {
    return configure(new DefaultErrorHandlerBuilder(), context);
  }

  static DefaultErrorHandlerDefinition deadLetter(CamelContext context, String endpoint) {
    return configure(new DeadLetterChannelBuilder(endpoint), context);
  }

  private static DefaultErrorHandlerDefinition configure(DefaultErrorHandlerDefinition builder,
      CamelContext context) {
    builder.maximumRedeliveries(WatchConfig.positive(context, "redelivery-max"))
        .redeliveryDelay(WatchConfig.positive(context, "redelivery-delay"))
        .useExponentialBackOff()
        .backOffMultiplier(WatchConfig.positive(context, "redelivery-backoff"))
        .maximumRedeliveryDelay(WatchConfig.positive(context, "redelivery-max-delay"))
        .retryAttemptedLogLevel(LoggingLevel.WARN)
        .logStackTrace(false)
        .logExhaustedMessageHistory(false)
        .logRetryStackTrace(false);
    return builder;
  }
}
