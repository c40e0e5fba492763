package io.cohortflow.dicom;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fuzz target over the real Debian corpus and mutants of it (truncations, byte flips, length
 * fields made absurd): every outcome is a read or a {@link DicomParseException}. This is the
 * regression half of fuzzing with that corpus; {@code tools/seed-dicom-fuzz-corpus.sh} feeds the same
 * files to Jazzer for long runs.
 */
class DebianCorpusMutationTest {
  @Test
  void realFilesAndTheirMutantsOnlyGiveTheTypedException() throws Exception {
    List<Path> files = PydicomComparisonTest.corpus();
    Random random = new Random(3);
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, 64 * 1024));
      DicomFuzzTarget.readFully(head);
      for (int round = 0; round < 10; round++) {
        byte[] mutant = head.clone();
        int at = random.nextInt(Math.max(1, mutant.length));
        switch (round % 3) {
          case 0 -> mutant = Arrays.copyOf(mutant, at);
          case 1 -> mutant[at] = (byte) random.nextInt(256);
          default -> {
            for (int k = at; k < Math.min(mutant.length, at + 4); k++) {
              mutant[k] = (byte) 0xFF;
            }
          }
        }
        DicomFuzzTarget.readFully(mutant);
      }
    }
  }
}
