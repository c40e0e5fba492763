package io.cohortflow.cli;

import io.cohortflow.radiomics.RadiomicsOutputs;
import io.cohortflow.store.CohortExporter;
import io.cohortflow.store.CsvMerge;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cohortflow merge}: joins the outputs of separate runs — one Nextflow task per subject or
 * per case — into the files one run over all of them writes. A folder that cannot be merged is
 * reported with the file and the reason and left out; the others are merged and the exit code is 1.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Join the outputs of separate runs (e.g. Nextflow tasks) into one result.",
    subcommands = {MergeCommand.Rows.class, MergeCommand.Radiomics.class})
final class MergeCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name what to merge: rows or radiomics");
  }

  /** A folder's contents read for a merge. */
  @FunctionalInterface
  private interface FolderReader<T> {
    T read(Path dir) throws IOException;
  }

  /** Reads every folder, reporting and leaving out those that cannot be merged. */
  private static <T> List<T> readAll(List<Path> dirs, FolderReader<T> reader, PrintWriter err,
      List<String> bad) {
    List<T> parts = new ArrayList<>();
    for (Path dir : dirs) {
      try {
        parts.add(reader.read(dir));
      } catch (IOException e) {
        err.println("cohortflow merge: left out " + dir + ": " + e.getMessage());
        bad.add(dir.toString());
      }
    }
    return parts;
  }

  private static int exitCode(List<String> bad) {
    return bad.isEmpty() ? ExitCodes.OK : ExitCodes.SOME_INPUTS_FAILED;
  }

  private static int mergeFailed(PrintWriter err, CsvMerge.MergeException e) {
    err.println("cohortflow merge: nothing more was written: " + e.getMessage());
    return ExitCodes.SOME_INPUTS_FAILED;
  }

  /** {@code merge rows}: folders written by {@code extract --rows-out}. */
  @Command(name = "rows", mixinStandardHelpOptions = true,
      description = {"Merge folders written by `extract --rows-out` (subjects.csv, studies.csv,"
          + " series.csv, stacks.csv, instances.csv) into the files `export` writes for all"
          + " their subjects: the same rows in the same order."})
  static final class Rows implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "ROWS_DIR", description = "Folders to merge.")
    List<Path> dirs;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      List<String> bad = new ArrayList<>();
      List<List<CsvMerge.Table>> folders = readAll(dirs, CohortExporter::readExported,
          spec.commandLine().getErr(), bad);
      try {
        Map<String, Long> rows = CohortExporter.mergeExported(folders, out);
        PrintWriter w = spec.commandLine().getOut();
        rows.forEach((file, count) -> w.printf("%-15s %10d rows%n", file, count));
        w.flush();
      } catch (CsvMerge.MergeException e) {
        return mergeFailed(spec.commandLine().getErr(), e);
      }
      return exitCode(bad);
    }
  }

  /** {@code merge radiomics}: output folders of {@code radiomics} runs. */
  @Command(name = "radiomics", mixinStandardHelpOptions = true,
      description = {"Merge output folders of `radiomics` runs, in the order given, into one"
          + " features.csv, diagnostics.csv and cases/ folder."})
  static final class Radiomics implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "RESULT_DIR", description = "Folders to merge.")
    List<Path> dirs;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      List<String> bad = new ArrayList<>();
      List<RadiomicsOutputs.Results> parts = readAll(dirs, RadiomicsOutputs::read,
          spec.commandLine().getErr(), bad);
      try {
        long rows = RadiomicsOutputs.merge(parts, out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("features.csv    %10d rows%n", rows);
        w.flush();
      } catch (CsvMerge.MergeException e) {
        return mergeFailed(spec.commandLine().getErr(), e);
      }
      return exitCode(bad);
    }
  }
}
