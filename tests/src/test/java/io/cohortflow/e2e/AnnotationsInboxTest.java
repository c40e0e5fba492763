package io.cohortflow.e2e;

import static io.cohortflow.e2e.Checks.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.citrusframework.actions.ExecuteSQLQueryAction.Builder.query;
import static org.citrusframework.container.RepeatOnErrorUntilTrue.Builder.repeatOnError;

import io.cohortflow.annotations.NidatasetReference;
import io.cohortflow.store.Database;
import io.cohortflow.testsupport.TestDatabase;
import io.cohortflow.watch.WatchApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.citrusframework.TestCaseRunner;
import org.citrusframework.annotations.CitrusResource;
import org.citrusframework.annotations.CitrusTest;
import org.citrusframework.junit.jupiter.CitrusSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NIfTI masks dropped into INBOX/annotations/ run the annotation processor with the options of
 * the configuration: the outbox holds exactly nidataset's reference outputs for those options
 * (bytes and folders), every mask is archived, and a broken mask and a file that is no mask end
 * in failed/ with sidecars and job_error rows. Unknown option values stop the service at start.
 */
@CitrusSupport
class AnnotationsInboxTest {
  private static final String CASE = "axial_case_slice_radius_t24x20";

  @TempDir Path temp;
  private Database db;
  private Path inbox;
  private Path outbox;

  @BeforeEach
  void open() throws Exception {
    db = Database.openMigrated(TestDatabase.fresh("watch_annotations"), 8);
    inbox = temp.resolve("inbox");
    outbox = temp.resolve("outbox");
  }

  @AfterEach
  void close() {
    db.close();
  }

  private Properties settings(NidatasetReference.Case reference) {
    Properties settings = WatchHarness.settings(inbox, outbox, "trickle");
    settings.setProperty("cohortflow.watch.annotations-data-mode",
        reference.option("--data-mode", "center"));
    settings.setProperty("cohortflow.watch.annotations-target-size",
        reference.option("--target-size", ""));
    return settings;
  }

  @Test
  @CitrusTest
  void masksDroppedIntoTheInboxGetNidatasetsAnnotations(@CitrusResource TestCaseRunner t)
      throws Exception {
    NidatasetReference.Case reference = NidatasetReference.find(CASE);
    List<String> masks;
    try (var entries = Files.list(NidatasetReference.input())) {
      masks = entries.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".nii") || n.endsWith(".nii.gz")).sorted().toList();
    }
    byte[] broken = "not a NIfTI file".getBytes(StandardCharsets.US_ASCII);
    WatchApplication app = WatchHarness.start(settings(reference), db.dataSource());
    try {
      Path drop = Files.createDirectories(inbox.resolve("annotations"));
      for (String mask : masks) {
        Files.copy(NidatasetReference.input().resolve(mask), drop.resolve(mask));
      }
      Files.write(drop.resolve("broken.nii.gz"), broken);
      Files.writeString(drop.resolve("notes.txt"), "reader notes");

      t.then(repeatOnError().until("i = 60").autoSleep(500).actions(check(() ->
          assertThat(Observed.files(drop)).isEmpty())));
      t.then(check(() -> {
        NidatasetReference.assertMatches(reference, outbox.resolve("annotations"));
        assertThat(Observed.files(inbox.resolve("processed/annotations"))).isEqualTo(masks);
        Path failed = inbox.resolve("failed/annotations");
        assertThat(Observed.files(failed)).containsExactly("broken.nii.gz",
            "broken.nii.gz.error.txt", "notes.txt", "notes.txt.error.txt");
        assertThat(failed.resolve("broken.nii.gz")).hasBinaryContent(broken);
        assertThat(Files.readString(failed.resolve("broken.nii.gz.error.txt")))
            .contains("input: annotations/broken.nii.gz", "route: annotations",
                "stage: annotate", "reason: ");
        assertThat(Files.readString(failed.resolve("notes.txt.error.txt")))
            .contains("stage: discover", "not a NIfTI mask");
        assertThat(app.statistics().masksAnnotated()).isEqualTo(masks.size());
      }));
    } finally {
      app.close();
    }
    t.then(query(db.dataSource())
        .statement("SELECT e.input_path AS PATH, e.stage AS STAGE FROM job_error e"
            + " ORDER BY e.input_path")
        .validate("PATH", "annotations/broken.nii.gz", "annotations/notes.txt")
        .validate("STAGE", "annotate", "discover"));
  }

  @Test
  void unknownAnnotationOptionsStopTheServiceBeforeItStarts() throws Exception {
    Properties settings = WatchHarness.settings(inbox, outbox, "trickle");
    settings.setProperty("cohortflow.watch.annotations-view", "oblique");
    assertThatThrownBy(
        () -> WatchHarness.start(settings, db.dataSource()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cohortflow.watch.annotations-view")
        .hasMessageContaining("oblique");
    settings.setProperty("cohortflow.watch.annotations-view", "axial");
    settings.setProperty("cohortflow.watch.annotations-target-size", "24");
    assertThatThrownBy(
        () -> WatchHarness.start(settings, db.dataSource()))
        .hasMessageContaining("cohortflow.watch.annotations-target-size");
    assertThat(inbox).doesNotExist();
  }
}
