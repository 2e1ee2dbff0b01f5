package dev.alerting.incident.oncall;

import java.time.Instant;
import java.util.Objects;

/** A user who takes over a schedule from {@code start} to {@code end}, above every rotation. */
public record ScheduleOverride(String user, Instant start, Instant end) {
  public ScheduleOverride {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("an override needs a user");
    }
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("an override must end after it starts");
    }
  }

  public boolean covers(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
