package io.cohortflow.annotations;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.nifti.NiftiReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every option set of {@code CASES.tsv} through the processors and requires nidataset 0.7.0's
 * exact output: the same files with the same bytes, and the same folders (empty ones included).
 */
class NidatasetCompatibilityTest {
  @TempDir Path out;

  @Test
  void everyReferenceCaseMatchesByteForByte() throws Exception {
    List<NidatasetReference.Case> cases = NidatasetReference.cases();
    assertThat(cases).hasSize(13);
    for (NidatasetReference.Case c : cases) {
      for (int workers : new int[] {1, 2}) {
        Path target = Files.createDirectories(out.resolve(c.name() + "-" + workers));
        BatchOutcome outcome = run(c, target, workers);
        assertThat(outcome.failures()).as(c.name()).isEmpty();
        NidatasetReference.assertMatches(c, target);
      }
    }
  }

  static BatchOutcome run(NidatasetReference.Case c, Path target, int workers) throws Exception {
    View view = View.parse(c.option("--view", "axial"));
    SavingMode saving = SavingMode.parse(c.option("--saving-mode", "case"));
    String size = c.option("--target-size", null);
    TargetSize targetSize = size == null ? null : TargetSize.parse(size);
    if (c.command().equals("slices")) {
      SliceOptions options = new SliceOptions(view, saving, targetSize,
          Float.parseFloat(c.option("--pad-value", "0")), c.flag("--save-stats"));
      return new SliceDataset(options, new NiftiReader(), workers)
          .runFolder(NidatasetReference.input(), target, BatchListener.NONE);
    }
    AnnotationOptions options = new AnnotationOptions(view, saving,
        ExtractionMode.parse(c.option("--extraction-mode", "slice")),
        DataMode.parse(c.option("--data-mode", "center")), targetSize, c.flag("--save-stats"),
        ComponentSplit.NONE, false);
    return new AnnotationDataset(options, new NiftiReader(), workers)
        .runFolder(NidatasetReference.input(), target, BatchListener.NONE);
  }
}
