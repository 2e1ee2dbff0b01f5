package dev.alerting.incident.escalation;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is paged for an incident, and when, until someone acknowledges: {@code steps} in order, each
 * {@code after} the start of its round; when the last step has fired and {@code repeatInterval} has
 * passed, the chain starts over, {@code repeat} more times. {@code groupBy}, when not empty,
 * overrides the global incident grouping for incidents of this policy.
 */
public record EscalationPolicy(
    String name,
    List<Matcher> matchers,
    List<Step> steps,
    int repeat,
    Duration repeatInterval,
    List<String> groupBy) {

  public EscalationPolicy {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a policy needs a name");
    }
    matchers = List.copyOf(matchers);
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a policy needs at least one step");
    }
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).after().compareTo(steps.get(i - 1).after()) < 0) {
        throw new IllegalArgumentException(
            "steps[" + i + "].after must not be before the previous step's");
      }
    }
    if (repeat < 0) {
      throw new IllegalArgumentException("repeat must not be negative");
    }
    Objects.requireNonNull(repeatInterval, "repeatInterval");
    if (repeatInterval.isNegative()) {
      throw new IllegalArgumentException("repeat_interval must not be negative");
    }
    groupBy = List.copyOf(groupBy);
  }

  /** Whether every matcher matches the labels (no matchers: every incident). */
  public boolean matches(Labels labels) {
    return matchers.stream().allMatch(m -> m.matches(labels));
  }

  /** How long one pass through the steps takes before the next pass starts. */
  public Duration roundLength() {
    return steps.get(steps.size() - 1).after().plus(repeatInterval);
  }

  /** The step at {@code position} of a chain started at {@code startedAt}; empty past the end. */
  public Optional<DueStep> due(int position, Instant startedAt) {
    int round = position / steps.size();
    int index = position % steps.size();
    if (position < 0 || round > repeat) {
      return Optional.empty();
    }
    Step step = steps.get(index);
    Instant at = startedAt.plus(roundLength().multipliedBy(round)).plus(step.after());
    return Optional.of(new DueStep(position, round, index + 1, step, at));
  }

  /** The first policy whose matchers match, as Alertmanager's first matching route. */
  public static Optional<EscalationPolicy> first(List<EscalationPolicy> policies, Labels labels) {
    return policies.stream().filter(p -> p.matches(labels)).findFirst();
  }
}
