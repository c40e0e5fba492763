package io.cohortflow.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.extraction.DicomHeaderReader;
import io.cohortflow.extraction.PatientIdentifiers;
import io.cohortflow.extraction.SampleCohort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Series markers of trickle files: a marker whose folder's last files are still being read by
 * other workers waits for them and then completes their series, while a marker whose folder
 * still holds a file that was not taken is left for a later poll.
 */
class TrickleIntakeTest {
  @TempDir Path temp;
  private Path inbox;
  private TrickleIntake intake;
  private String folder;
  private List<Path> files;

  @BeforeEach
  void create() throws Exception {
    inbox = temp.resolve("inbox");
    SampleCohort.write(inbox, 1, 13, 2);
    Files.delete(inbox.resolve(SampleCohort.GROUND_TRUTH));
    WatchConfig config = new WatchConfig(inbox, temp.resolve("outbox"), "c", "datasets",
        "READY", "SERIES_COMPLETE", 1, 10, false);
    intake = new TrickleIntake(config, new DicomHeaderReader(),
        PatientIdentifiers.withSecret("test"), null, null, new WatchStatistics(),
        new PendingFiles(config, 100));
    try (Stream<Path> walk = Files.walk(inbox)) {
      Path series = walk.filter(Files::isRegularFile).findFirst().orElseThrow().getParent();
      folder = inbox.relativize(series).toString();
      try (Stream<Path> list = Files.list(series)) {
        files = list.sorted().toList();
      }
    }
    assertThat(files).hasSizeGreaterThan(1);
  }

  private String relative(Path file) {
    return inbox.relativize(file).toString();
  }

  private Path marker() throws Exception {
    return Files.createFile(inbox.resolve(folder).resolve("SERIES_COMPLETE"));
  }

  @Test
  void markerWaitsForTheFilesOfItsFolderStillBeingRead() throws Exception {
    files.forEach(f -> intake.arriving(folder));
    Path last = files.get(files.size() - 1);
    for (Path file : files.subList(0, files.size() - 1)) {
      assertThat(intake.identify(file, relative(file))).isNotNull();
      intake.settled(folder);
    }
    Path marker = marker();
    // the folder's last file is read by another worker while the marker is looked at
    AtomicBoolean lastRead = new AtomicBoolean();
    CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
      try {
        Thread.sleep(300);
        String uid = intake.identify(last, relative(last)).row().record().seriesInstanceUid();
        lastRead.set(true);
        intake.settled(folder);
        return uid;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    List<TrickleIntake.SeriesMarker> marked = intake.seriesMarked(marker, relative(marker));
    // set before settled(): the future itself completes only after, so its state would race
    assertThat(lastRead).isTrue();
    assertThat(marked).extracting(TrickleIntake.SeriesMarker::seriesInstanceUid)
        .containsExactly(other.get());
    assertThat(marker).doesNotExist();
    assertThat(inbox.resolve("processed").resolve(relative(marker))).exists();
  }

  @Test
  void markerOfAFolderWithAFileNotTakenIsLeftForALaterPoll() throws Exception {
    Path first = files.get(0);
    intake.arriving(folder);
    intake.identify(first, relative(first));
    intake.settled(folder);
    Path marker = marker();
    assertThat(intake.seriesMarked(marker, relative(marker))).isNull();
    assertThat(marker).exists();
  }
}
