package dev.alerting.incident.lifecycle;

/** A requested transition that the incident's current status forbids (HTTP 409). */
public final class TransitionConflict extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TransitionConflict(String message) {
    super(message);
  }
}
