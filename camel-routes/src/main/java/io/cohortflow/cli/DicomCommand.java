package io.cohortflow.cli;

import io.cohortflow.dicom.DicomDump;
import io.cohortflow.dicom.DicomFile;
import io.cohortflow.dicom.DicomParseException;
import io.cohortflow.dicom.DicomReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cohortflow dicom}: tools around the DICOM codec; {@code dump} prints what the reader sees. */
@Command(
    name = "dicom",
    mixinStandardHelpOptions = true,
    description = "DICOM tools (see docs/dicom.md).",
    subcommands = {DicomCommand.Dump.class})
final class DicomCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: dump");
  }

  /** {@code cohortflow dicom dump FILE...}: tag, VR, value and keyword of every element, like dcmdump. */
  @Command(
      name = "dump",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the elements the reader sees in each FILE: tag, VR, value, keyword (like dcmdump).",
        "Header only (up to the pixel data) unless --all. Exit code 1 if some file could not be read."
      })
  static final class Dump implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "DICOM files (Part 10 or raw datasets).")
    List<Path> files;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--all", description = "Read the whole file, pixel data and trailing elements included.")
    boolean all;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      DicomReader reader = all ? DicomReader.fullReader() : DicomReader.headerReader();
      int failed = 0;
      for (Path file : files) {
        try {
          DicomFile read = reader.read(file);
          if (json) {
            DicomDump.json(read, out);
          } else {
            DicomDump.text(read, out);
          }
        } catch (DicomParseException e) {
          err.println("cohortflow: " + e.getMessage());
          failed++;
        } catch (NoSuchFileException e) {
          err.println("cohortflow: " + file + ": no such file");
          failed++;
        } catch (IOException e) {
          err.println("cohortflow: " + file + ": cannot read: " + e.getMessage());
          failed++;
        }
        out.flush();
      }
      return failed == 0 ? ExitCodes.OK : ExitCodes.SOME_INPUTS_FAILED;
    }
  }
}
