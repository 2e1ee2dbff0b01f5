package dev.alerting.rule.group;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A named group of rules from one file. {@code interval} is kept for the API; this engine evaluates
 * on every sample and clock tick instead of on a fixed schedule. {@code limit} is Prometheus's
 * group {@code limit}: the most alerts or series one evaluation of a rule may produce, 0 for none.
 */
public record RuleGroup(String name, String file, Duration interval, List<Rule> rules, int limit) {
  /** Prometheus's default {@code evaluation_interval}. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  public RuleGroup {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("group name is empty");
    }
    file = Objects.requireNonNullElse(file, "");
    interval = interval == null ? DEFAULT_INTERVAL : interval;
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    rules = List.copyOf(rules);
  }

  /** A group without a limit. */
  public RuleGroup(String name, String file, Duration interval, List<Rule> rules) {
    this(name, file, interval, rules, 0);
  }
}
