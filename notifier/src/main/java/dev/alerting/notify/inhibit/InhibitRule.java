package dev.alerting.notify.inhibit;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import java.util.List;
import java.util.Objects;

/**
 * An {@code inhibit_rules} entry: while an alert matching {@code sourceMatchers} fires, alerts
 * matching {@code targetMatchers} with equal values for every {@code equal} label are muted.
 */
public record InhibitRule(
    List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {
  public InhibitRule {
    sourceMatchers = List.copyOf(Objects.requireNonNull(sourceMatchers));
    targetMatchers = List.copyOf(Objects.requireNonNull(targetMatchers));
    equal = List.copyOf(Objects.requireNonNull(equal));
    for (String e : equal) {
      if (!Labels.isValidLabelName(e)) {
        throw new IllegalArgumentException("'" + e + "' in equal is not a valid label name");
      }
    }
  }

  public boolean matchesSource(Labels labels) {
    return all(sourceMatchers, labels);
  }

  public boolean matchesTarget(Labels labels) {
    return all(targetMatchers, labels);
  }

  /** Whether source and target agree on every {@code equal} label (absent counts as empty). */
  public boolean equalOn(Labels source, Labels target) {
    for (String e : equal) {
      if (!source.getOrEmpty(e).equals(target.getOrEmpty(e))) {
        return false;
      }
    }
    return true;
  }

  private static boolean all(List<Matcher> matchers, Labels labels) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }
}
