package io.cohortflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cohortflow bench extract} on a small cohort, and bad input. */
class ExtractBenchCommandTest {
  @Test
  void printsEachRoundAndTheMediansPerWorkerCount(@TempDir Path dir) {
    CliRunner.Result bench = CliRunner.run("bench", "extract", "--files", "84", "--slices", "4",
        "--workers", "2", "--rounds", "2", "--dir", dir.toString());

    assertThat(bench.exitCode()).as(bench.all()).isEqualTo(ExitCodes.OK);
    assertThat(bench.out())
        .contains("cohort: 84 files in " + dir.resolve("cohort"))
        .containsPattern("(?m)^workers 2, round 2: parse-only \\d+ f/s \\(\\d+ us/file\\),"
            + " end-to-end \\d+ f/s \\(\\d+ \\+ \\d+ us/file\\), load \\d+\\.\\d$")
        .contains("medians of 2 rounds")
        .containsPattern("(?m)^2 +\\d+ +\\d+ +\\d+% +\\d+ \\| +\\d+ \\+ +\\d+ +\\d+$")
        .containsPattern("peak heap during end-to-end runs: \\d+ MiB");
  }

  @Test
  void zeroRoundsOrWorkersAreUsageErrors() {
    for (String[] args : new String[][] {{"--rounds", "0"}, {"--workers", "1,0"}}) {
      CliRunner.Result bench = CliRunner.run("bench", "extract", args[0], args[1]);

      assertThat(bench.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(bench.err()).contains("must be at least 1");
    }
  }
}
