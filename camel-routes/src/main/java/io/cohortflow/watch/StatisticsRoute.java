package io.cohortflow.watch;

import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.InflightRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic health line of a running service: throughput since the previous line, totals, and
 * the exchanges in flight per route.
 */
final class StatisticsRoute extends RouteBuilder {
  private static final Logger LOG = LoggerFactory.getLogger("io.cohortflow.watch.Statistics");

  private final WatchStatistics statistics;
  private long lastImported;
  private long lastTime = System.nanoTime();

  StatisticsRoute(WatchStatistics statistics) {
    this.statistics = statistics;
  }

  @Override
  public void configure() {
    from("timer:cohortflow-statistics?period={{" + WatchConfig.PREFIX + "stats-interval}}"
        + "&delay={{" + WatchConfig.PREFIX + "stats-interval}}")
        .routeId("statistics")
        .process(exchange -> LOG.info(line()));
  }

  private String line() {
    long now = System.nanoTime();
    long imported = statistics.filesImported();
    double rate = (imported - lastImported) / ((now - lastTime) / 1e9);
    lastImported = imported;
    lastTime = now;
    StringBuilder inFlight = new StringBuilder();
    InflightRepository inflight = getContext().getInflightRepository();
    for (Route route : getContext().getRoutes()) {
      inFlight.append(inFlight.length() == 0 ? "" : ", ").append(route.getRouteId()).append('=')
          .append(inflight.size(route.getRouteId()));
    }
    return String.format("Throughput: %.1f files/s; totals: %d files received, %d imported,"
        + " %d failed, %d series, %d datasets, %d masks annotated; in flight: %s", rate,
        statistics.filesReceived.get(), imported, statistics.filesFailed.get(),
        statistics.seriesWritten(), statistics.datasetsIngested(),
        statistics.masksAnnotated(), inFlight);
  }
}
