package io.cohortflow.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S3 keys become paths in the inbox only when they cannot leave it: traversal, absolute and
 * otherwise odd keys are refused with a reason (these keys cannot travel through s3proxy's HTTP
 * front-end, so the end-to-end test cannot send them).
 */
class S3StagingKeysTest {

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/x", "/etc/passwd", "a/../../x", "a/../b", "a//b", "./a",
      "a/.", "..", "", "a\\..\\..\\x", "failed/x.dcm", "processed/x.dcm", ".s3-staging/x",
      "nul\0byte"})
  void keysThatCouldLeaveOrTamperWithTheInboxAreRefused(String relativeKey) {
    assertThat(S3Staging.refusal(relativeKey)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"SUBJ-001/MR/IM_0001.dcm", "datasets/study42/READY",
      "s1/..hidden-but-plain/x", "s1/a..b"})
  void plainKeysAreAccepted(String relativeKey) {
    assertThat(S3Staging.refusal(relativeKey)).isNull();
  }

  @Test
  void pathsOutsideAnAreaAreRefusedEvenWhenTheyNormaliseInside() {
    Path area = Path.of("/srv/inbox");
    assertThat(AtomicFiles.inside(area, "s1/x.dcm")).isEqualTo(Path.of("/srv/inbox/s1/x.dcm"));
    assertThatThrownBy(() -> AtomicFiles.inside(area, "../etc/x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaves /srv/inbox");
    assertThatThrownBy(() -> AtomicFiles.inside(area, "/srv/inbox/s1/x.dcm"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
