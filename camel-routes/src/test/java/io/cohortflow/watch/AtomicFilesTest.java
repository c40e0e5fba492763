package io.cohortflow.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The move that every input of the watch service takes (inbox to pending, pending to processed,
 * to failed): it creates the target's folders only when they are missing, replaces an older
 * target, and a missing source fails without leaving new folders behind.
 */
class AtomicFilesTest {
  @TempDir Path temp;

  @Test
  void moveCreatesMissingFoldersAndReplacesAnOlderTarget() throws Exception {
    Path first = Files.writeString(temp.resolve("a.dcm"), "first");
    Path target = temp.resolve("processed/SUBJ-1/series/a.dcm");

    AtomicFiles.move(first, target);
    assertThat(target).hasContent("first");
    assertThat(first).doesNotExist();

    Path second = Files.writeString(temp.resolve("a.dcm"), "second");
    AtomicFiles.move(second, target);
    assertThat(target).hasContent("second");
    assertThat(second).doesNotExist();
  }

  @Test
  void aMissingSourceFailsAndCreatesNoFolder() {
    Path target = temp.resolve("processed/SUBJ-1/series/gone.dcm");

    assertThatThrownBy(() -> AtomicFiles.move(temp.resolve("gone.dcm"), target))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("gone.dcm");
    assertThat(temp.resolve("processed")).doesNotExist();
  }
}
