package io.cohortflow.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inbox folders emptied by written series are removed once unchanged for the quiet period, with
 * their empty parents and their copies in the pending area, never the inbox or that area; a
 * folder changed recently waits for a later sweep, a folder or parent that holds a file again is
 * kept with the file, and a linked folder keeps its link. At start, the empty folders an earlier
 * run left are found, outside the inbox's own areas and hidden folders.
 */
class EmptyFoldersTest {
  private static final long QUIET = 10_000;

  @TempDir Path temp;
  private Path inbox;
  private EmptyFolders folders;

  @BeforeEach
  void create() throws IOException {
    inbox = Files.createDirectories(temp.resolve("inbox"));
    folders = new EmptyFolders(inbox, QUIET, Clock.systemUTC());
  }

  @Test
  void anEmptiedFolderGoesWithItsEmptyParentsButNotTheInbox() throws IOException {
    folder("S1/ST1/SE1");
    folders.emptied(List.of("S1/ST1/SE1"));
    assertThat(folders.sweep()).isEqualTo(3);
    assertThat(inbox.resolve("S1")).doesNotExist();
    assertThat(inbox).isDirectory();
  }

  @Test
  void emptiedSiblingsGoWithTheirParentsInOneSweep() throws IOException {
    folder("S1/ST1/SE1");
    folder("S1/ST1/SE2");
    folder("S1/ST2/SE3");
    folders.emptied(List.of("S1/ST1/SE2", "S1/ST2/SE3", "S1/ST1/SE1"));
    assertThat(folders.sweep()).isEqualTo(6);
    assertThat(inbox.resolve("S1")).doesNotExist();
  }

  @Test
  void theCopiesInThePendingAreaGoTooButNotTheArea() throws IOException {
    folder("S1/ST1/SE1");
    folder(".pending/S1/ST1/SE1");
    folders.emptied(List.of("S1/ST1/SE1"));
    assertThat(folders.sweep()).isEqualTo(6);
    assertThat(inbox.resolve(".pending")).isEmptyDirectory();
  }

  @Test
  void aParentWithOtherContentIsKept() throws IOException {
    folder("S1/ST1/SE1");
    Path file = Files.writeString(folder("S1/ST1/SE2").resolve("x.dcm"), "not yet taken");
    age("S1/ST1/SE2", "S1/ST1", "S1");
    folders.emptied(List.of("S1/ST1/SE1"));
    assertThat(folders.sweep()).isEqualTo(1);
    assertThat(inbox.resolve("S1/ST1/SE1")).doesNotExist();
    assertThat(file).hasContent("not yet taken");
  }

  @Test
  void aFolderChangedWithinTheQuietPeriodWaitsForALaterSweep() throws IOException {
    Files.createDirectories(inbox.resolve("S1/ST1/SE1"));
    folders.emptied(List.of("S1/ST1/SE1"));
    assertThat(folders.sweep()).isZero();
    assertThat(inbox.resolve("S1/ST1/SE1")).isDirectory();
    age("S1/ST1/SE1", "S1/ST1", "S1");
    assertThat(folders.sweep()).isEqualTo(3);
  }

  @Test
  void aFolderWhereAFileArrivedAgainIsKeptWithTheFile() throws IOException {
    Path file = Files.writeString(folder("S1/ST1/SE1").resolve("late.dcm"), "arrived again");
    age("S1/ST1/SE1");
    folders.emptied(List.of("S1/ST1/SE1"));
    assertThat(folders.sweep()).isZero();
    assertThat(file).hasContent("arrived again");
  }

  @Test
  void aParentChangedWithinTheQuietPeriodIsKept() throws IOException {
    folder("S1/ST1/SE1");
    Files.setLastModifiedTime(inbox.resolve("S1/ST1"), FileTime.fromMillis(
        System.currentTimeMillis()));
    folders.emptied(List.of("S1/ST1/SE1"));
    assertThat(folders.sweep()).isEqualTo(1);
    assertThat(inbox.resolve("S1/ST1")).isDirectory();
  }

  @Test
  void aLinkedFolderIsKeptWithItsLink() throws IOException {
    Path target = Files.createDirectories(temp.resolve("mount/SE1"));
    Files.createSymbolicLink(inbox.resolve("S1"), temp.resolve("mount"));
    age("S1/SE1");
    Files.setLastModifiedTime(temp.resolve("mount"),
        FileTime.fromMillis(System.currentTimeMillis() - 2 * QUIET));
    folders.emptied(List.of("S1/SE1"));
    assertThat(folders.sweep()).isEqualTo(1);
    assertThat(target).doesNotExist();
    assertThat(inbox.resolve("S1")).isSymbolicLink();
    assertThat(temp.resolve("mount")).isDirectory();
  }

  @Test
  void emptyFoldersLeftByAnEarlierRunAreFoundAtStartOutsideTheInboxAreas() throws IOException {
    folder("S9/ST1/SE1");
    Path kept = Files.writeString(folder("S8/ST1").resolve("x.dcm"), "waiting");
    age("S8/ST1", "S8");
    folder("processed/S7/ST1");
    folder("datasets/d1/S1");
    folder(".pending/S6");
    folders.noteLeftEmpty(Set.of("processed", "failed", "datasets", "annotations"));
    assertThat(folders.sweep()).isEqualTo(3);
    assertThat(inbox.resolve("S9")).doesNotExist();
    assertThat(kept).hasContent("waiting");
    assertThat(inbox.resolve("processed/S7/ST1")).isDirectory();
    assertThat(inbox.resolve("datasets/d1/S1")).isDirectory();
    assertThat(inbox.resolve(".pending/S6")).isDirectory();
  }

  /** Creates the folder and its parents, all unchanged for twice the quiet period. */
  private Path folder(String relative) throws IOException {
    Path folder = Files.createDirectories(inbox.resolve(relative));
    for (Path p = folder; !p.equals(inbox); p = p.getParent()) {
      age(inbox.relativize(p).toString());
    }
    return folder;
  }

  private void age(String... relatives) throws IOException {
    for (String relative : relatives) {
      Files.setLastModifiedTime(inbox.resolve(relative),
          FileTime.fromMillis(System.currentTimeMillis() - 2 * QUIET));
    }
  }
}
