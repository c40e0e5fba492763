package io.cohortflow.annotations;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.testsupport.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The reference outputs of nidataset 0.7.0 in {@code ../shared/data/nidataset}: the option sets of
 * {@code CASES.tsv} and a comparison of a produced output folder with a case's expected file set,
 * SHA-256 sums and folder set (empty folders included). Shared with the CLI tests.
 */
public final class NidatasetReference {
  private NidatasetReference() {}

  /** One row of CASES.tsv. */
  public record Case(String name, String command, List<String> options) {
    public Path expected() {
      String folder = command.equals("slices") ? "expected-slices" : "expected";
      return root().resolve(folder).resolve(name);
    }

    /** The value following {@code option}, or {@code fallback}. */
    public String option(String option, String fallback) {
      int at = options.indexOf(option);
      return at < 0 ? fallback : options.get(at + 1);
    }

    public boolean flag(String option) {
      return options.contains(option);
    }
  }

  public static Path root() {
    return SharedData.resolve("data/nidataset");
  }

  public static Path input() {
    return root().resolve("input");
  }

  public static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    List<String> lines = Files.readAllLines(root().resolve("CASES.tsv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      List<String> options = cells[2].isBlank() ? List.of() : Arrays.asList(cells[2].trim().split("\\s+"));
      cases.add(new Case(cells[0], cells[1], options));
    }
    return cases;
  }

  public static Case find(String name) throws IOException {
    return cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  /** Asserts that {@code actual} holds exactly the expected files, bytes and folders. */
  public static void assertMatches(Case expectedCase, Path actual) throws IOException {
    Path expected = expectedCase.expected();
    Map<String, String> expectedSums = new TreeMap<>();
    for (String line : Files.readAllLines(expected.resolve("SHA256SUMS"))) {
      if (!line.isBlank()) {
        String[] parts = line.split("\\s+", 2);
        expectedSums.put(normalise(parts[1]), parts[0]);
      }
    }
    TreeSet<String> expectedDirs = new TreeSet<>();
    expectedSums.keySet().forEach(f -> addParents(expectedDirs, f));
    for (String line : Files.readAllLines(expected.resolve("EMPTY_DIRS.txt"))) {
      if (!line.isBlank()) {
        expectedDirs.add(normalise(line.trim()));
        addParents(expectedDirs, normalise(line.trim()));
      }
    }
    Map<String, String> actualSums = new TreeMap<>();
    TreeSet<String> actualDirs = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(actual)) {
      for (Path p : walk.filter(p -> !p.equals(actual)).toList()) {
        String relative = actual.relativize(p).toString();
        if (Files.isDirectory(p)) {
          actualDirs.add(relative);
        } else {
          actualSums.put(relative, sha256(p));
        }
      }
    }
    assertThat(actualSums.keySet()).as(expectedCase.name() + ": file set")
        .containsExactlyElementsOf(expectedSums.keySet());
    assertThat(actualDirs).as(expectedCase.name() + ": folder set")
        .containsExactlyElementsOf(expectedDirs);
    for (Map.Entry<String, String> file : expectedSums.entrySet()) {
      assertThat(actualSums.get(file.getKey())).as(expectedCase.name() + ": bytes of " + file.getKey())
          .isEqualTo(file.getValue());
    }
  }

  private static String normalise(String path) {
    return path.startsWith("./") ? path.substring(2) : path;
  }

  private static void addParents(TreeSet<String> dirs, String file) {
    for (Path p = Path.of(file).getParent(); p != null; p = p.getParent()) {
      dirs.add(p.toString());
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
