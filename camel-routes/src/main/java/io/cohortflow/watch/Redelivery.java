package io.cohortflow.watch;

import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.DefaultErrorHandlerBuilder;

/**
 * The error handling of every watch route: transient failures (database unreachable, S3 errors)
 * are redelivered with exponential backoff; when the attempts are exhausted the exchange fails,
 * so its input stays where it is (a file in the inbox, a series in the aggregation repository)
 * and is taken again later: nothing is dropped while the database is away.
 */
final class Redelivery {
  private Redelivery() {}

  static DefaultErrorHandlerBuilder policy(CamelContext context) {
    DefaultErrorHandlerBuilder builder = new DefaultErrorHandlerBuilder();
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
