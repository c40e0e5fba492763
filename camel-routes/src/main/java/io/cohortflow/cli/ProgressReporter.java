package io.cohortflow.cli;

import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of long work: a progress bar (rate, ETA) on standard error when it is a terminal, and
 * otherwise a plain line every {@link #LINE_INTERVAL}, so logs of batch jobs stay readable.
 */
final class ProgressReporter implements AutoCloseable {
  static final Duration LINE_INTERVAL = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

  private final String task;
  private final String unit;
  private final ProgressBar bar;
  private final long started = System.nanoTime();
  private long done;
  private long total = -1;
  private long lastLine = System.nanoTime();

  private ProgressReporter(String task, String unit, ProgressBar bar) {
    this.task = task;
    this.unit = unit;
    this.bar = bar;
  }

  /** A reporter for {@code task} counting {@code unit}s (e.g. "files"). */
  static ProgressReporter start(String task, String unit) {
    ProgressBar bar = System.console() == null ? null : new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(-1)
        .setUnit(" " + unit, 1)
        .showSpeed()
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
    return new ProgressReporter(task, unit, bar);
  }

  synchronized void total(long value) {
    total = value;
    if (bar != null) {
      bar.maxHint(value);
    }
  }

  synchronized void step(long n) {
    done += n;
    if (bar != null) {
      bar.stepBy(n);
    } else if (System.nanoTime() - lastLine >= LINE_INTERVAL.toNanos()) {
      lastLine = System.nanoTime();
      LOG.info("{}: {}{} {} ({} {}/s)", task, done, total >= 0 ? " of " + total : "", unit,
          String.format("%.0f", rate()), unit);
    }
  }

  /** Seconds since the start. */
  synchronized double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  /** Items per second since the start. */
  synchronized double rate() {
    double seconds = (System.nanoTime() - started) / 1e9;
    return seconds <= 0 ? 0 : done / seconds;
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
