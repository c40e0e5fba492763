package io.cohortflow.watch;

import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;

/**
 * Keeps S3 polls and archive passes apart: the S3 consumer lists a page of keys and then fetches
 * each one, so an object archived in between would fail the whole poll, or, fetched just before it
 * was archived, be staged a second time. A poll holds the guard from its start to the end of its
 * batch (the consumer's poll strategy), an archive pass holds it while it runs.
 */
final class S3PollGuard implements PollingConsumerPollStrategy {
  static final String REGISTRY_NAME = "cohortflowS3PollGuard";

  private final ReentrantLock lock = new ReentrantLock();

  @Override
  public boolean begin(Consumer consumer, Endpoint endpoint) {
    lock.lock();
    return true;
  }

  @Override
  public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
    lock.unlock();
  }

  @Override
  public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception e) {
    lock.unlock();
    return false;
  }

  /** Runs an archive pass while no poll is under way. */
  void exclusively(Pass pass) throws Exception {
    lock.lock();
    try {
      pass.run();
    } finally {
      lock.unlock();
    }
  }

  /** Work that must not overlap a poll. */
  interface Pass {
    void run() throws Exception;
  }
}
