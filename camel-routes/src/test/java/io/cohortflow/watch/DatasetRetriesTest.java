package io.cohortflow.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.camel.component.file.GenericFile;
import org.junit.jupiter.api.Test;

/**
 * A failed dataset's marker is held back by the dataset consumer's filter for the retry delay,
 * doubled after each further failure up to the maximum; other datasets and folders are not held
 * back, and a success forgets the failures.
 */
class DatasetRetriesTest {
  private static final Path MARKER = Path.of("/inbox/datasets/cohort-a/READY");
  private static final Path OTHER = Path.of("/inbox/datasets/cohort-b/READY");

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private long millis = 1_000_000;

    void advance(long by) {
      millis += by;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final DatasetRetries retries = new DatasetRetries(1000, 5000, clock);

  @Test
  void aFailedDatasetWaitsTwiceAsLongAfterEachFailureUpToTheMaximum() {
    assertThat(retries.accept(marker(MARKER))).isTrue();

    assertThat(retries.failed(MARKER)).isEqualTo(1000);
    assertThat(retries.accept(marker(MARKER))).isFalse();
    assertThat(retries.accept(marker(OTHER))).isTrue();
    clock.advance(999);
    assertThat(retries.accept(marker(MARKER))).isFalse();
    clock.advance(1);
    assertThat(retries.accept(marker(MARKER))).isTrue();

    assertThat(retries.failed(MARKER)).isEqualTo(2000);
    assertThat(retries.failed(MARKER)).isEqualTo(4000);
    assertThat(retries.failed(MARKER)).isEqualTo(5000);
    assertThat(retries.failed(MARKER)).isEqualTo(5000);
    clock.advance(4999);
    assertThat(retries.accept(marker(MARKER))).isFalse();
    clock.advance(1);
    assertThat(retries.accept(marker(MARKER))).isTrue();
  }

  @Test
  void aSuccessForgetsTheFailuresAndFoldersAreNeverHeldBack() {
    retries.failed(MARKER);
    retries.failed(MARKER);
    GenericFile<File> folder = marker(MARKER.getParent());
    folder.setDirectory(true);
    assertThat(retries.accept(folder)).isTrue();

    retries.succeeded(MARKER);
    assertThat(retries.accept(marker(MARKER))).isTrue();
    assertThat(retries.failed(MARKER)).isEqualTo(1000);
  }

  @Test
  void theSameMarkerNamedByAnotherPathIsTheSameDataset() {
    retries.failed(Path.of("/inbox/datasets/./cohort-a/READY"));
    assertThat(retries.accept(marker(MARKER))).isFalse();
  }

  private static GenericFile<File> marker(Path path) {
    GenericFile<File> file = new GenericFile<>();
    file.setFile(path.toFile());
    file.setDirectory(false);
    return file;
  }
}
