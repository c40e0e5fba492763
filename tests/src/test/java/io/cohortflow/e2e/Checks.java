package io.cohortflow.e2e;

import org.citrusframework.TestAction;
import org.citrusframework.TestActionBuilder;
import org.citrusframework.exceptions.ValidationException;

/**
 * Plain assertions on files and rows as Citrus actions (Citrus has no file module): a failed
 * assertion becomes a Citrus validation error, so that {@code repeatOnError} retries it.
 */
final class Checks {
  private Checks() {}

  /** An assertion block that may throw. */
  interface Check {
    void run() throws Exception;
  }

  static TestActionBuilder<TestAction> check(Check check) {
    return () -> context -> {
      try {
        check.run();
      } catch (Exception | AssertionError e) {
        throw new ValidationException(e.getMessage(), e);
      }
    };
  }
}
