package dev.alerting.incident.config;

/** An on-call file that cannot be used; the message names the file, line and key path at fault. */
public final class OnCallConfigError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OnCallConfigError(String message) {
    super(message, null, false, false);
  }
}
