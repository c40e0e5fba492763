package io.cohortflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a {@code cohortflow} command in-process and captures its exit code and output. */
final class CliRunner {
  private CliRunner() {}

  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = CohortflowCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
