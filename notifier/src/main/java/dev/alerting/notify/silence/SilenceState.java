package dev.alerting.notify.silence;

/** Where a silence is in its life, as Alertmanager names it on the wire. */
public enum SilenceState {
  PENDING,
  ACTIVE,
  EXPIRED;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
