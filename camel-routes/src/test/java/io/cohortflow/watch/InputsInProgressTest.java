package io.cohortflow.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The consumers' in-progress repository: a key is taken once until removed, and past its bound
 * the oldest key is forgotten rather than the repository growing.
 */
class InputsInProgressTest {
  private final InputsInProgress inProgress = new InputsInProgress();

  @Test
  void aKeyIsTakenOnceUntilItsExchangeIsDone() {
    assertThat(inProgress.add("inbox/S1/a.dcm")).isTrue();
    assertThat(inProgress.add("inbox/S1/a.dcm")).isFalse();
    assertThat(inProgress.contains("inbox/S1/a.dcm")).isTrue();
    assertThat(inProgress.contains("inbox/S1/b.dcm")).isFalse();
    assertThat(inProgress.remove("inbox/S1/a.dcm")).isTrue();
    assertThat(inProgress.remove("inbox/S1/a.dcm")).isFalse();
    assertThat(inProgress.add("inbox/S1/a.dcm")).isTrue();
  }

  @Test
  void pastItsBoundTheOldestKeyIsForgotten() {
    for (int i = 0; i <= InputsInProgress.MAX_KEYS; i++) {
      inProgress.add("f" + i);
    }
    assertThat(inProgress.contains("f0")).isFalse();
    assertThat(inProgress.contains("f1")).isTrue();
    assertThat(inProgress.contains("f" + InputsInProgress.MAX_KEYS)).isTrue();
  }
}
