package dev.alerting.launcher.chaos;

/** The pause between two polls of a condition with a deadline. */
final class Pause {
  private Pause() {}

  static void millis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
