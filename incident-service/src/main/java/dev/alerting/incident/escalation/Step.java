package dev.alerting.incident.escalation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** One level of a policy: {@code after} the round started, notify each of {@code targets}. */
public record Step(Duration after, List<Target> targets) {
  public Step {
    Objects.requireNonNull(after, "after");
    if (after.isNegative()) {
      throw new IllegalArgumentException("after must not be negative");
    }
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("a step must notify at least one target");
    }
  }
}
