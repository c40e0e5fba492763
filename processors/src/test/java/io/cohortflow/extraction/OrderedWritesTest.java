package io.cohortflow.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The database thread of an extraction: order, bounded queue, nothing after a failure. */
class OrderedWritesTest {
  @Test
  void writesRunInSubmissionOrder() throws Exception {
    List<Integer> done = new CopyOnWriteArrayList<>();
    try (OrderedWrites writes = new OrderedWrites(Thread::new)) {
      for (int i = 0; i < 50; i++) {
        int n = i;
        writes.submit(() -> done.add(n));
      }
      writes.drain();
    }
    assertThat(done).containsExactlyElementsOf(
        java.util.stream.IntStream.range(0, 50).boxed().toList());
  }

  @Test
  void aFailedWriteStopsTheWritesQueuedAfterIt() throws Exception {
    List<String> done = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    try (OrderedWrites writes = new OrderedWrites(Thread::new)) {
      writes.submit(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new SQLException("batch 1 rolled back");
      });
      writes.submit(() -> done.add("subject marked complete"));
      release.countDown();
      assertThatThrownBy(writes::drain).isInstanceOf(SQLException.class)
          .hasMessage("batch 1 rolled back");
      writes.submit(() -> done.add("later batch"));
      writes.drain();
    }
    assertThat(done).isEmpty();
  }

  @Test
  void submitWaitsWhenTwoWritesArePending() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (OrderedWrites writes = new OrderedWrites(Thread::new)) {
      OrderedWrites.Write blocked = () -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      };
      writes.submit(blocked);
      writes.submit(blocked);
      Thread third = new Thread(() -> {
        try {
          writes.submit(() -> { });
        } catch (SQLException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      third.start();
      third.join(300);
      assertThat(third.isAlive()).as("third submit waits for a free slot").isTrue();
      release.countDown();
      third.join(5000);
      assertThat(third.isAlive()).isFalse();
    }
  }
}
