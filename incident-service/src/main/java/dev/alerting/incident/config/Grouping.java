package dev.alerting.incident.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How alerts become incidents: alerts whose {@code groupBy} label values are equal share one
 * incident while it is open, and a resolved incident whose group fires again within {@code
 * reopenWindow} of its resolution reopens.
 */
public record Grouping(List<String> groupBy, Duration reopenWindow) {
  public static final Grouping DEFAULT = new Grouping(List.of("alertname"), Duration.ofMinutes(30));

  public Grouping {
    groupBy = List.copyOf(groupBy);
    Objects.requireNonNull(reopenWindow, "reopenWindow");
    if (reopenWindow.isNegative()) {
      throw new IllegalArgumentException("reopen_window must not be negative");
    }
  }
}
