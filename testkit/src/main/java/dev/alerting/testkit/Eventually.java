package dev.alerting.testkit;

import java.time.Duration;
import java.util.function.Supplier;

/** Polling with a deadline: how tests wait for asynchronous effects, instead of sleeping. */
public final class Eventually {
  private Eventually() {}

  /**
   * Re-runs {@code assertion} until it passes or {@code timeout} elapses; rethrows the last
   * failure.
   */
  public static void assertThat(Duration timeout, Runnable assertion) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError | RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      pause();
    }
  }

  /** Polls {@code value} until it is non-null, or fails after {@code timeout}. */
  public static <T> T await(Duration timeout, String what, Supplier<T> value) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T v = value.get();
      if (v != null) {
        return v;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
