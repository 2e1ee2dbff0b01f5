package dev.alerting.incident.oncall;

import java.time.Instant;
import java.util.Objects;

/** Someone on call from {@code start} (inclusive) to {@code end} (exclusive). */
public record Shift(String user, Instant start, Instant end) {
  public Shift {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a shift must end after it starts");
    }
  }

  public boolean covers(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
