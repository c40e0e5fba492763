package io.cohortflow.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parse-only pass of the extraction benchmark reads the files extraction would, no more. */
class ParseOnlyTest {
  @Test
  void readsEveryCandidateFileOfTheSubjectsAndCountsTheRefusedOnes(@TempDir Path dir)
      throws Exception {
    Path cohort = dir.resolve("cohort");
    int written = SampleCohort.write(cohort, 2, 7);
    Path subject = cohort.resolve("SUBJ-002");
    Files.writeString(subject.resolve("notes.dcm"), "this is not a DICOM file\n");
    Files.writeString(subject.resolve("readme.txt"), "not a candidate name\n");
    Files.copy(subject.resolve("notes.dcm"), cohort.resolve("beside-the-subjects.dcm"));

    for (int workers : new int[] {1, 3}) {
      ParseOnly.Result result = ParseOnly.run(new ExtractionOptions(cohort, "c", workers, 1,
          true, false, false), new DicomHeaderReader(), PatientIdentifiers.withSecret("s"));

      assertThat(result.files()).isEqualTo(written + 1);
      assertThat(result.refused()).isEqualTo(1);
    }
  }

  @Test
  void aMissingSourceIsAnError(@TempDir Path dir) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ParseOnly.run(
        new ExtractionOptions(dir.resolve("missing"), "c", 1, 1, true, false, false),
        new DicomHeaderReader(), PatientIdentifiers.withSecret("s")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class)
        .hasMessageContaining("missing");
  }
}
