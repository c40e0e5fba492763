package io.cohortflow.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.dist.Distribution.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The distribution archive unpacked outside the build tree (into a folder whose name has a space)
 * and run as a user would: layout and licence list, {@code --version}, {@code --help},
 * {@code demo} on its own database and home folder, and the launcher's refusals.
 */
class DistributionArchiveTest {
  private static final Pattern COORDINATES =
      Pattern.compile("\\(([^ ():]+):([^ ():]+):([^ ():]+) - [^)]*\\)$");

  @TempDir static Path work;
  private static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    home = Distribution.unpack(work.resolve("unpacked here"));
  }

  @Test
  void archiveHoldsTheLauncherEveryJarAndTheNotices() throws IOException {
    assertThat(home.getFileName()).hasToString("cohortflow-" + Distribution.VERSION);
    Path launcher = home.resolve("bin/cohortflow");
    assertThat(Files.getPosixFilePermissions(launcher))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(home.resolve("README.md"))
        .hasSameBinaryContentAs(Distribution.REPOSITORY.resolve("README.md"));
    assertThat(home.resolve("NOTICE"))
        .hasSameBinaryContentAs(Distribution.REPOSITORY.resolve("NOTICE"));
    assertThat(home.resolve("config/ibsi/config-C.json")).isRegularFile();
    assertThat(home.resolve("docs/watch.md")).isRegularFile();

    // Exactly the jars the build runs with (camel-routes/target/lib) plus the application jar.
    Set<String> jars = jarNames(home.resolve("lib"));
    Set<String> built = jarNames(Distribution.ARCHIVE.resolveSibling("lib"));
    built.add("cohortflow.jar");
    assertThat(jars).isEqualTo(built);

    // lib/classpath names every other jar once, in the order the launcher puts them.
    List<String> classpath = Arrays.asList(
        Files.readString(home.resolve("lib/classpath")).strip().split(":"));
    assertThat(classpath).doesNotHaveDuplicates().allMatch(entry -> entry.startsWith("lib/"));
    Set<String> listed = classpath.stream().map(entry -> entry.substring("lib/".length()))
        .collect(Collectors.toCollection(TreeSet::new));
    listed.add("cohortflow.jar");
    assertThat(listed).isEqualTo(jars);
  }

  @Test
  void thirdPartyListNamesEveryBundledJarWithItsLicence() throws IOException {
    Set<String> covered = new TreeSet<>();
    for (String line : Files.readAllLines(home.resolve("THIRD-PARTY.txt"))) {
      Matcher m = COORDINATES.matcher(line.strip());
      if (!m.find()) {
        continue;
      }
      assertThat(line).as("a licence for %s", m.group(2))
          .startsWith("     (").doesNotContain("Unknown license");
      covered.add(m.group(2) + "-" + m.group(3) + ".jar");
    }
    Set<String> thirdParty = jarNames(home.resolve("lib"));
    thirdParty.removeIf(name -> name.equals("cohortflow.jar") || name.startsWith("processors-"));
    assertThat(thirdParty).hasSizeGreaterThan(50);
    assertThat(covered).isEqualTo(thirdParty);
  }

  @Test
  void versionAndHelpRunWithoutMaven() throws Exception {
    Outcome version = launch(Distribution.environment(), "--version");
    assertThat(version.exitCode()).as("%s", version).isZero();
    assertThat(version.stdout().lines().findFirst())
        .contains("cohortflow " + Distribution.VERSION);
    assertThat(version.stdout()).contains("Java " + System.getProperty("java.version"));

    Outcome help = launch(Distribution.environment(), "--help");
    assertThat(help.exitCode()).as("%s", help).isZero();
    assertThat(help.stdout()).startsWith("Usage: cohortflow ")
        .contains("  demo ", "  extract ", "  watch ", "  radiomics ");
  }

  @Test
  void launcherFindsItsLibrariesThroughASymbolicLink() throws Exception {
    Path link = Files.createDirectories(work.resolve("on-path")).resolve("cohortflow");
    Files.createSymbolicLink(link, home.resolve("bin/cohortflow"));
    Outcome version = Distribution.run(work, Distribution.environment(), 120, link.toString(),
        "--version");
    assertThat(version.exitCode()).as("%s", version).isZero();
    assertThat(version.stdout()).startsWith("cohortflow " + Distribution.VERSION);
  }

  @Test
  void demoRunsFromTheUnpackedArchive() throws Exception {
    Path userHome = work.resolve("home");
    Map<String, String> env = Distribution.environment();
    // The default sample-cohort folder is under user.home: a private one, set through the
    // launcher's COHORTFLOW_JAVA_OPTS.
    env.put("COHORTFLOW_JAVA_OPTS", "-Duser.home=" + userHome + " -Xmx512m");
    Outcome demo = launch(env, "demo", "--db-dir", work.resolve("db").toString());

    assertThat(demo.exitCode()).as("%s", demo).isZero();
    Path cohort = userHome.resolve(".cohortflow/demo-cohort");
    assertThat(demo.stdout())
        .contains("Sample cohort: 246 DICOM files for 3 subjects in " + cohort)
        .contains("Database: embedded MariaDB in " + work.resolve("db"))
        .contains("Subjects: 3 (0 already complete, skipped)")
        .contains("Files: 246 found, 246 imported, 0 skipped (already imported), 0 failed");
    assertThat(demo.stdout().lines().map(String::strip)
            .filter(line -> line.matches("(modality|CT|MR|PT) .*"))
            .map(line -> line.replaceAll(" +", " ")))
        .containsExactly(
            "modality subjects studies series stacks instances",
            "CT 3 3 9 12 54",
            "MR 3 3 12 18 168",
            "PT 3 3 3 3 24");
    try (Stream<Path> files = Files.walk(cohort)) {
      assertThat(files.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().equals("ground-truth.csv")).count())
          .isEqualTo(246);
    }
  }

  @Test
  void unknownOptionIsAUsageError() throws Exception {
    Outcome outcome = launch(Distribution.environment(), "--no-such-option");
    assertThat(outcome.exitCode()).as("%s", outcome).isEqualTo(2);
    assertThat(outcome.stderr()).contains("Unknown option: '--no-such-option'");
  }

  @ParameterizedTest
  @CsvSource({
      "openjdk version \"11.0.22\" 2024-01-16, 11.0.22",
      "java version \"1.8.0_392\", 1.8.0_392",
      "openjdk version \"16\" 2021-03-16, 16",
  })
  void javaOlderThan17IsRefused(String versionLine, String version) throws Exception {
    Path javaHome = work.resolve("java-" + version);
    Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
    // A stand-in that prints what that Java prints for -version and fails for anything else.
    Files.writeString(java, "#!/bin/sh\n[ \"$1\" = -version ] || exit 99\necho '" + versionLine
        + "' >&2\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = Distribution.environment();
    env.put("JAVA_HOME", javaHome.toString());

    Outcome outcome = launch(env, "--version");
    assertThat(outcome.exitCode()).as("%s", outcome).isEqualTo(3);
    assertThat(outcome.stderr()).isEqualTo("cohortflow: " + java + " is Java " + version
        + "; cohortflow needs Java 17 or newer (set JAVA_HOME to a Java 17+ runtime)\n");
  }

  @Test
  void javaHomeWithoutJavaIsRefused() throws Exception {
    Path empty = Files.createDirectories(work.resolve("not-a-jdk"));
    Map<String, String> env = Distribution.environment();
    env.put("JAVA_HOME", empty.toString());
    Outcome outcome = launch(env, "--version");
    assertThat(outcome.exitCode()).as("%s", outcome).isEqualTo(3);
    assertThat(outcome.stderr()).contains("JAVA_HOME is " + empty + ", but " + empty
        + "/bin/java is not an executable file");
  }

  @Test
  void noJavaAnywhereIsRefused() throws Exception {
    // A PATH with the few tools the launcher needs and no java.
    Path tools = Files.createDirectories(work.resolve("tools-without-java"));
    for (String tool : List.of("bash", "dirname", "readlink", "sed")) {
      Files.createSymbolicLink(tools.resolve(tool), which(tool));
    }
    Outcome outcome;
    try {
      outcome = launch(Map.of("PATH", tools.toString()), "--version");
    } finally {
      // Links out of the temporary folder: removed here, so JUnit need not warn about them.
      for (String tool : List.of("bash", "dirname", "readlink", "sed")) {
        Files.deleteIfExists(tools.resolve(tool));
      }
    }
    assertThat(outcome.exitCode()).as("%s", outcome).isEqualTo(3);
    assertThat(outcome.stderr()).isEqualTo("cohortflow: no java on PATH and JAVA_HOME is not"
        + " set; install a Java 17+ runtime or set JAVA_HOME\n");
  }

  private static Outcome launch(Map<String, String> env, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = home.resolve("bin/cohortflow").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    return Distribution.run(work, env, 300, command);
  }

  private static Set<String> jarNames(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".jar"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Path which(String tool) {
    return Stream.of("/usr/bin", "/bin").map(dir -> Path.of(dir, tool))
        .filter(Files::isExecutable).findFirst()
        .orElseThrow(() -> new AssertionError("no " + tool + " in /usr/bin or /bin"));
  }
}
