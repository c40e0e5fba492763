package io.cohortflow.workflows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code workflows/main.nf} with real Nextflow 24.10.0 as a separate JVM from the jars that
 * the {@code nextflow-runtime} module fetched, with the official launcher's {@code --add-opens}
 * flags (without them {@code -resume} silently caches nothing), a private {@code NXF_HOME},
 * {@code NXF_OFFLINE=true}, and a {@code cohortflow} command on the tasks' PATH. The same
 * command runs the single-machine comparisons, so switching it (e.g. to a distribution archive's
 * {@code bin/}) is one change, in {@link #writeCohortflowCommand}.
 */
final class NextflowRunner {
  /** The {@code --add-opens} list of the official {@code nextflow} launch script. */
  private static final List<String> ADD_OPENS = List.of("java.lang", "java.io", "java.nio",
      "java.net", "java.util", "java.util.concurrent.locks", "java.util.concurrent.atomic",
      "java.nio.file.spi", "sun.nio.ch", "sun.nio.fs", "sun.net.www.protocol.http",
      "sun.net.www.protocol.https", "sun.net.www.protocol.ftp", "sun.net.www.protocol.file",
      "jdk.internal.misc", "jdk.internal.vm", "java.util.regex");
  private static final long TIMEOUT_MINUTES = 10;
  private static final Pattern TASK = Pattern.compile(
      "(Submitted|Cached|Re-submitted) process > (\\S+) \\(([^)]*)\\)");

  static final String IDENTIFIER_SECRET = "workflow-test-secret";

  private final Path repo;
  private final Path home;
  private final Path bin;

  NextflowRunner(Path scratch) throws IOException {
    repo = Path.of("..").toAbsolutePath().normalize();
    home = Files.createDirectories(scratch.resolve("nxf-home"));
    bin = Files.createDirectories(scratch.resolve("bin"));
    writeCohortflowCommand(bin.resolve("cohortflow"));
  }

  Path repo() {
    return repo;
  }

  /** What a run printed and which tasks it submitted, found in the cache or re-submitted. */
  record Run(int exitCode, String output, List<String> submitted, List<String> cached,
      List<String> resubmitted) {}

  /** {@code nextflow run workflows/main.nf ARGS} in {@code launchDir}. */
  Run run(Path launchDir, String... args) throws IOException, InterruptedException {
    return run(launchDir, Map.of(), args);
  }

  /**
   * The same with more environment variables for Nextflow and its tasks; an empty value removes
   * the variable.
   */
  Run run(Path launchDir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("run",
        repo.resolve("workflows/main.nf").toString()));
    command.addAll(List.of(args));
    return launch(launchDir, env, command);
  }

  /**
   * {@code nextflow secrets set NAME VALUE} into this runner's private {@code NXF_HOME}, run in a
   * folder of its own (the value is on that command line, and so in what it logs there).
   */
  void setSecret(String name, String value) throws IOException, InterruptedException {
    Run set = launch(home.resolveSibling("nxf-secrets"), Map.of(),
        List.of("secrets", "set", name, value));
    if (set.exitCode() != 0) {
      throw new IllegalStateException("nextflow secrets set " + name + ": " + set.output());
    }
  }

  private Run launch(Path launchDir, Map<String, String> env, List<String> nextflowArgs)
      throws IOException, InterruptedException {
    Path lib = repo.resolve("nextflow-runtime/target/nextflow-lib");
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException(lib + " is missing: build with mvn verify (the"
          + " nextflow-runtime module fetches Nextflow)");
    }
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx1g"));
    ADD_OPENS.forEach(p -> command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"));
    command.addAll(List.of("-cp", lib + "/*", "nextflow.cli.Launcher"));
    command.addAll(nextflowArgs);
    Files.createDirectories(launchDir);
    Path log = launchDir.resolve("nextflow-output-" + System.nanoTime() + ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).directory(launchDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    environment(pb.environment());
    env.forEach((name, value) -> {
      if (value.isEmpty()) {
        pb.environment().remove(name);
      } else {
        pb.environment().put(name, value);
      }
    });
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException("nextflow did not finish within " + TIMEOUT_MINUTES
          + " minutes; output so far:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    List<String> submitted = new ArrayList<>();
    List<String> cached = new ArrayList<>();
    List<String> resubmitted = new ArrayList<>();
    Matcher m = TASK.matcher(output);
    while (m.find()) {
      List<String> list = switch (m.group(1)) {
        case "Submitted" -> submitted;
        case "Cached" -> cached;
        default -> resubmitted;
      };
      list.add(m.group(2) + " " + m.group(3));
    }
    return new Run(p.exitValue(), output, submitted, cached, resubmitted);
  }

  /** Runs the {@code cohortflow} command the tasks run (a single-machine comparison). */
  String cohortflow(Path workDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(bin.resolve("cohortflow").toString()));
    command.addAll(List.of(args));
    Files.createDirectories(workDir);
    Path log = Files.createTempFile(workDir, "cohortflow", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    environment(pb.environment());
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException("cohortflow " + args[0] + " did not finish");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException("cohortflow " + String.join(" ", args) + " exited "
          + p.exitValue() + ":\n" + output);
    }
    return output;
  }

  private void environment(Map<String, String> env) {
    env.put("NXF_HOME", home.toString());
    env.put("NXF_OFFLINE", "true");
    env.put("NXF_ANSI_LOG", "false");
    env.put("NXF_DISABLE_CHECK_LATEST", "true");
    env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("COHORTFLOW_IDENTIFIER_SECRET", IDENTIFIER_SECRET);
    env.remove("COHORTFLOW_DB_URL");
    env.remove("COHORTFLOW_DB_USER");
    env.remove("COHORTFLOW_DB_PASSWORD");
    env.remove("COHORTFLOW_DB_DIR");
  }

  /**
   * The {@code cohortflow} command of the tasks: the application jar of this build (the
   * distribution archive's {@code bin/cohortflow} can replace it here once it exists).
   */
  private void writeCohortflowCommand(Path script) throws IOException {
    Path jar = repo.resolve("camel-routes/target/cohortflow.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build with mvn verify");
    }
    Files.writeString(script, "#!/bin/sh\nexec '" + javaExecutable() + "' -Xmx1g -jar '" + jar
        + "' \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
