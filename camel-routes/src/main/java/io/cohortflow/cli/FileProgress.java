package io.cohortflow.cli;

import io.cohortflow.annotations.BatchListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a run over files: a progress bar on a terminal, a plain line every tenth of the run
 * otherwise; and each failed file reported on standard output as nidataset does
 * ({@code Error processing <file>: <reason>}).
 */
final class FileProgress implements BatchListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FileProgress.class);

  private final String task;
  private final int total;
  private final PrintWriter out;
  private final ProgressBar bar;
  private int done;

  FileProgress(String task, int total, PrintWriter out) {
    this.task = task;
    this.total = total;
    this.out = out;
    this.bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName(task)
        .setInitialMax(total).setStyle(ProgressBarStyle.ASCII).setUnit(" files", 1).build();
  }

  @Override
  public void fileDone(Path file, String failure) {
    done++;
    if (failure != null) {
      out.println("Error processing " + file.getFileName() + ": " + failure);
      out.flush();
    }
    if (bar != null) {
      bar.step();
    } else if (done == total || done % Math.max(1, total / 10) == 0) {
      LOG.info("{}: {}/{} files", task, done, total);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
