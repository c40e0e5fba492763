package io.cohortflow.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real DICOM and NIfTI files unpacked from Debian packages by
 * {@code tools/fetch-test-data.sh} ({@code .cache/debian-test-data} at the repository root, or the
 * folder named by {@code COHORTFLOW_TEST_DATA}); tests that need them skip with a message when absent.
 */
public final class DebianTestData {
  private DebianTestData() {}

  /** The unpacked package folder, e.g. {@code python3-pydicom}, or a skipped test. */
  public static Path packageRoot(String debianPackage) {
    Path root = locate();
    Path pkg = root == null ? null : root.resolve(debianPackage);
    Assumptions.assumeTrue(
        pkg != null && Files.isRegularFile(pkg.resolve(".complete")),
        "Debian test files for " + debianPackage + " not found: run tools/fetch-test-data.sh");
    return pkg;
  }

  /** True when Debian's python3 can import the given module (e.g. {@code pydicom}). */
  public static boolean pythonHas(String module) {
    try {
      Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import " + module)
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path locate() {
    String env = System.getenv("COHORTFLOW_TEST_DATA");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(".cache/debian-test-data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      if (Files.isRegularFile(dir.resolve("DEVELOPERS.md"))) {
        return null;
      }
    }
    return null;
  }
}
