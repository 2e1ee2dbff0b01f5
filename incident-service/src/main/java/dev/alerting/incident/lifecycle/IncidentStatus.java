package dev.alerting.incident.lifecycle;

import java.util.Locale;

/** Where an incident is in its life: open, then acknowledged, then resolved. */
public enum IncidentStatus {
  OPEN,
  ACKNOWLEDGED,
  RESOLVED;

  /** The lower-case name used in JSON, query parameters and the database. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static IncidentStatus fromWire(String s) {
    for (IncidentStatus v : values()) {
      if (v.wire().equals(s)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown incident status '" + s + "'");
  }

  public boolean isActive() {
    return this != RESOLVED;
  }
}
