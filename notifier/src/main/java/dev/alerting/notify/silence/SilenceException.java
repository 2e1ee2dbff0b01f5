package dev.alerting.notify.silence;

/**
 * A silence request that cannot be carried out; {@code notFound} tells a missing silence (404) from
 * an invalid request (400). The message is Alertmanager's wording.
 */
public final class SilenceException extends RuntimeException {
  private final boolean notFound;

  public SilenceException(String message, boolean notFound) {
    super(message);
    this.notFound = notFound;
  }

  public boolean notFound() {
    return notFound;
  }
}
