package io.cohortflow.e2e;

import io.cohortflow.extraction.PatientIdentifiers;
import io.cohortflow.watch.WatchApplication;
import java.nio.file.Path;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Starts the watch service in-process for an end-to-end test: its own inbox and outbox, short
 * quiet periods and polls so that tests run in seconds, and the test's database.
 */
final class WatchHarness {
  static final long QUIET_PERIOD_MS = 1500;

  private WatchHarness() {}

  static Properties settings(Path inbox, Path outbox, String cohort) {
    Properties p = new Properties();
    p.setProperty("cohortflow.watch.inbox", inbox.toString());
    p.setProperty("cohortflow.watch.outbox", outbox.toString());
    p.setProperty("cohortflow.watch.cohort", cohort);
    p.setProperty("cohortflow.watch.series-quiet-period", String.valueOf(QUIET_PERIOD_MS));
    p.setProperty("cohortflow.watch.poll-delay", "200");
    p.setProperty("cohortflow.watch.read-lock-min-age", "200");
    p.setProperty("cohortflow.watch.read-lock-check-interval", "100");
    p.setProperty("cohortflow.watch.redelivery-delay", "100");
    p.setProperty("cohortflow.watch.redelivery-max-delay", "500");
    p.setProperty("cohortflow.watch.dataset-retry-delay", "500");
    p.setProperty("cohortflow.watch.dataset-retry-max-delay", "1000");
    p.setProperty("cohortflow.watch.workers", "2");
    p.setProperty("cohortflow.watch.shutdown-timeout", "20");
    return p;
  }

  static WatchApplication start(Properties settings, DataSource dataSource) throws Exception {
    return WatchApplication.start(settings, null, dataSource,
        PatientIdentifiers.withSecret("e2e-secret"));
  }
}
