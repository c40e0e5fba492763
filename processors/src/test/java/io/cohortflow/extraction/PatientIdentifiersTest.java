package io.cohortflow.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Keyed hashes of PatientID: the HMAC-SHA256 of RFC 4231, the same on every call and thread. */
class PatientIdentifiersTest {
  private static final String RFC4231_CASE2 =
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

  @Test
  void hashIsHmacSha256OfTheIdWithTheSecret() {
    PatientIdentifiers ids = PatientIdentifiers.withSecret("Jefe");
    assertThat(ids.hash("what do ya want for nothing?")).isEqualTo(RFC4231_CASE2);
    assertThat(ids.hash("what do ya want for nothing?")).isEqualTo(RFC4231_CASE2);
    String other = ids.hash("PID-2");
    assertThat(other).hasSize(64).isNotEqualTo(RFC4231_CASE2);
    assertThat(ids.hash("what do ya want for nothing?")).isEqualTo(RFC4231_CASE2);
    assertThat(ids.hash("PID-2")).isEqualTo(other);
    assertThat(PatientIdentifiers.withSecret("another").hash("PID-2")).isNotEqualTo(other);
    assertThat(ids.hash(null)).isNull();
    assertThat(ids.hash("")).isNull();
  }

  @Test
  void concurrentCallersGetTheSameHashes() throws Exception {
    PatientIdentifiers ids = PatientIdentifiers.withSecret("Jefe");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Callable<String> task = () -> {
        String last = null;
        for (int i = 0; i < 1000; i++) {
          last = ids.hash("what do ya want for nothing?");
        }
        return last;
      };
      List<Future<String>> results = pool.invokeAll(List.of(task, task, task, task));
      for (Future<String> result : results) {
        assertThat(result.get()).isEqualTo(RFC4231_CASE2);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void anEmptySecretIsRefused() {
    assertThatThrownBy(() -> PatientIdentifiers.withSecret(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the identifier secret must not be empty");
  }
}
