package io.cohortflow.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.component.file.GenericFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pending area of trickle files: taken files leave the inbox, committed ones go to
 * processed/, failed ones back into the inbox, and a new run gets back what an earlier one left;
 * the consumer takes nothing once the limit is reached and never walks the inbox's own areas.
 */
class PendingFilesTest {
  @TempDir Path temp;
  private Path inbox;
  private PendingFiles pending;

  @BeforeEach
  void create() {
    inbox = temp.resolve("inbox");
    pending = new PendingFiles(new WatchConfig(inbox, temp.resolve("outbox"), "c", "datasets",
        "READY", "SERIES_COMPLETE", 1, 10, false), 2);
  }

  private Path write(String relative, String text) throws Exception {
    Path file = inbox.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void filesMoveFromTheInboxToPendingToProcessedOrBack() throws Exception {
    pending.take(write("S1/a.dcm", "a"), "S1/a.dcm");
    pending.take(write("S1/b.dcm", "b"), "S1/b.dcm");
    assertThat(inbox.resolve("S1/a.dcm")).doesNotExist();
    assertThat(inbox.resolve(".pending/S1/a.dcm")).hasContent("a");
    assertThat(pending.size()).isEqualTo(2);

    pending.archive(List.of("S1/a.dcm"));
    assertThat(inbox.resolve("processed/S1/a.dcm")).hasContent("a");
    pending.release(List.of("S1/b.dcm"));
    assertThat(inbox.resolve("S1/b.dcm")).hasContent("b");
    assertThat(inbox.resolve(".pending/S1/b.dcm")).doesNotExist();
    assertThat(pending.size()).isZero();
  }

  @Test
  void aNewRunPutsBackWhatAnEarlierRunLeftPending() throws Exception {
    pending.take(write("S1/a.dcm", "old a"), "S1/a.dcm");
    pending.take(write("S1/b.dcm", "b"), "S1/b.dcm");
    // copied again while the service was down: the newer copy in the inbox wins
    write("S1/a.dcm", "new a");

    PendingFiles next = new PendingFiles(new WatchConfig(inbox, temp.resolve("outbox"), "c",
        "datasets", "READY", "SERIES_COMPLETE", 1, 10, false), 2);
    assertThat(next.restore()).isEqualTo(2);
    assertThat(inbox.resolve("S1/a.dcm")).hasContent("new a");
    assertThat(inbox.resolve("S1/b.dcm")).hasContent("b");
    assertThat(Files.exists(inbox.resolve(".pending/S1/a.dcm"))).isFalse();
    assertThat(next.restore()).isZero();
  }

  @Test
  void theConsumerTakesNothingAtTheLimitAndSkipsTheInboxAreas() throws Exception {
    assertThat(pending.accept(entry("S1/a.dcm", false))).isTrue();
    assertThat(pending.accept(entry("S1", true))).isTrue();
    for (String area : List.of("processed", "failed", "datasets", "annotations")) {
      assertThat(pending.accept(entry(area, true))).as(area).isFalse();
    }
    pending.take(write("S1/a.dcm", "a"), "S1/a.dcm");
    pending.take(write("S1/b.dcm", "b"), "S1/b.dcm");
    assertThat(pending.accept(entry("S1/c.dcm", false))).isFalse();
    assertThat(pending.accept(entry("S2", true))).isFalse();
    pending.archive(List.of("S1/a.dcm"));
    assertThat(pending.accept(entry("S1/c.dcm", false))).isTrue();
  }

  @Test
  void aPathLeavingTheInboxIsRefused() throws Exception {
    Path outside = Files.writeString(temp.resolve("x.dcm"), "x");
    assertThatThrownBy(() -> pending.take(outside, "../x.dcm"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaves");
    assertThat(outside).exists();
  }

  private static GenericFile<File> entry(String relative, boolean directory) {
    GenericFile<File> file = new GenericFile<>();
    file.setRelativeFilePath(relative);
    file.setDirectory(directory);
    return file;
  }
}
