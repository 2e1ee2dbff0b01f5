package dev.alerting.rule.alert;

/** The state of one alert of a rule, spelled as Prometheus's API does. */
public enum AlertState {
  INACTIVE("inactive"),
  PENDING("pending"),
  FIRING("firing");

  private final String wire;

  AlertState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
