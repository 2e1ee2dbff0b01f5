package dev.alerting.model.alert;

/** The two states an alert event reports, spelled as in Alertmanager's API. */
public enum AlertStatus {
  FIRING("firing"),
  RESOLVED("resolved");

  private final String wire;

  AlertStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static AlertStatus fromWire(String s) {
    for (AlertStatus st : values()) {
      if (st.wire.equals(s)) {
        return st;
      }
    }
    throw new IllegalArgumentException("unknown alert status '" + s + "' (firing or resolved)");
  }
}
