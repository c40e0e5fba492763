package io.cohortflow.workflows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code NXF_OFFLINE=true}, and on the tasks' PATH the {@code bin/} of the real distribution
 * archive (system property {@code cohortflow.dist.archive}) unpacked outside the build tree, as a
 * cluster node would have it. The same command runs the single-machine comparisons.
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
    bin = unpackDistribution(Files.createDirectories(scratch.resolve("cohortflow"))).resolve("bin");
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
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("COHORTFLOW_JAVA_OPTS", "-Xmx1g");
    env.remove("COHORTFLOW_DB_URL");
    env.remove("COHORTFLOW_DB_USER");
    env.remove("COHORTFLOW_DB_PASSWORD");
    env.remove("COHORTFLOW_DB_DIR");
  }

  /** Unpacks the distribution archive into {@code target}; returns {@code target}. */
  private static Path unpackDistribution(Path target) throws IOException {
    Path archive = Path.of(System.getProperty("cohortflow.dist.archive"));
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException(archive + " is missing: build with mvn verify");
    }
    Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", target.toString(),
        "--strip-components=1").redirectErrorStream(true).start();
    try {
      String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!tar.waitFor(2, TimeUnit.MINUTES) || tar.exitValue() != 0) {
        throw new IllegalStateException("tar -xzf " + archive + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while unpacking " + archive, e);
    }
    return target;
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
