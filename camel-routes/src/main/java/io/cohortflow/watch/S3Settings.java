package io.cohortflow.watch;

import java.net.URI;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 inbox settings ({@code cohortflow.watch.s3-*}) and the client built from them: a custom
 * endpoint (MinIO, s3proxy) uses path-style addressing; credentials come from the settings when
 * given, else from the AWS default chain. Secrets are never logged.
 */
record S3Settings(String bucket, String prefix, String endpoint, String region, String accessKey,
    String secretKey, String processedPrefix, String failedPrefix, boolean deleteAfterCommit,
    int maxObjectsPerPoll, int maxStaged, String outputPrefix, long archiveInterval) {

  static S3Settings from(CamelContext context) {
    S3Settings s = new S3Settings(WatchConfig.value(context, "s3-bucket"),
        WatchConfig.value(context, "s3-prefix"), WatchConfig.value(context, "s3-endpoint"),
        WatchConfig.value(context, "s3-region"), WatchConfig.value(context, "s3-access-key"),
        WatchConfig.value(context, "s3-secret-key"),
        WatchConfig.value(context, "s3-processed-prefix"),
        WatchConfig.value(context, "s3-failed-prefix"),
        Boolean.parseBoolean(WatchConfig.value(context, "s3-delete-after-commit")),
        WatchConfig.positive(context, "s3-max-objects-per-poll"),
        WatchConfig.positive(context, "s3-max-staged"),
        WatchConfig.value(context, "s3-output-prefix"),
        WatchConfig.positive(context, "s3-archive-interval"));
    if (s.enabled() && (s.prefix.isEmpty() || s.processedPrefix.startsWith(s.prefix)
        || s.failedPrefix.startsWith(s.prefix)
        || (!s.outputPrefix.isEmpty() && s.outputPrefix.startsWith(s.prefix)))) {
      throw new IllegalArgumentException("cohortflow.watch.s3-prefix must be a non-empty prefix"
          + " outside the processed, failed and output prefixes, got '" + s.prefix + "'");
    }
    return s;
  }

  boolean enabled() {
    return !bucket.isEmpty();
  }

  S3Client client() {
    S3ClientBuilder builder = S3Client.builder().region(Region.of(region));
    if (!endpoint.isEmpty()) {
      builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
    }
    builder.credentialsProvider(accessKey.isEmpty()
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
    return builder.build();
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix + (endpoint.isEmpty() ? "" : " at " + endpoint);
  }
}
