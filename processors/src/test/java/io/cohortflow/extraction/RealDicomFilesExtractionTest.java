package io.cohortflow.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.store.Database;
import io.cohortflow.testsupport.DebianTestData;
import io.cohortflow.testsupport.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * pydicom's {@code dicomdirtests} tree (subject folders of extension-less files, real scanners)
 * imports with the subject, study, series and instance counts pydicom itself reads from it.
 */
class RealDicomFilesExtractionTest {
  private static final String PYDICOM_COUNTS = String.join("\n",
      "import os, sys, pydicom",
      "root = sys.argv[1]",
      "subjects, studies, series, instances, unreadable = set(), set(), set(), set(), []",
      "for s in sorted(os.listdir(root)):",
      "    if not os.path.isdir(os.path.join(root, s)): continue",
      "    for d, _, names in os.walk(os.path.join(root, s)):",
      "        for f in names:",
      "            if f.upper() == 'DICOMDIR': continue",
      "            if '.' in f and not f.lower().endswith('.dcm'): continue",
      "            try:",
      "                ds = pydicom.dcmread(os.path.join(d, f), stop_before_pixels=True)",
      "                ids = (ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.SOPInstanceUID)",
      "            except Exception:",
      "                unreadable.append(f); continue",
      "            subjects.add(s); studies.add(ids[0]); series.add(ids[1]); instances.add(ids[2])",
      "print(len(subjects), len(studies), len(series), len(instances), len(unreadable))");

  @Test
  void dicomdirTestsImportWithPydicomsCounts() throws Exception {
    Path tree = DebianTestData.packageRoot("python3-pydicom")
        .resolve("usr/lib/python3/dist-packages/pydicom/data/test_files/dicomdirtests");
    Assumptions.assumeTrue(DebianTestData.pythonHas("pydicom"),
        "Debian's python3-pydicom is not installed");
    Process python = new ProcessBuilder("/usr/bin/python3", "-c", PYDICOM_COUNTS,
        tree.toString()).redirectErrorStream(true).start();
    String output = new String(python.getInputStream().readAllBytes()).trim();
    assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();
    List<Long> expected = java.util.Arrays.stream(output.split(" ")).map(Long::valueOf).toList();

    try (Database db = Database.openMigrated(TestDatabase.fresh("dicomdirtests"), 4)) {
      ExtractionSummary summary = ExtractionFixture.extract(db, tree, "ddt", 2, 25, true);
      assertThat(List.of(
          ExtractionFixture.count(db, "SELECT COUNT(DISTINCT subject_id) FROM study"),
          ExtractionFixture.count(db, "SELECT COUNT(*) FROM study"),
          ExtractionFixture.count(db, "SELECT COUNT(*) FROM series"),
          ExtractionFixture.count(db, "SELECT COUNT(*) FROM instance"),
          summary.filesFailed()))
          .as("subjects, studies, series, instances, unreadable (pydicom: %s)", output)
          .isEqualTo(expected);
      assertThat(expected.get(3)).isEqualTo(81);
      assertThat(ExtractionFixture.count(db, "SELECT SUM(instance_count) FROM series"))
          .isEqualTo(81);
      assertThat(ExtractionFixture.count(db, "SELECT COUNT(*) FROM instance WHERE stack_id IS NULL"))
          .isZero();
    }
  }
}
