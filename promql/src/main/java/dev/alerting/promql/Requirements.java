package dev.alerting.promql;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.Exprs;
import dev.alerting.promql.ast.MatrixSelector;
import dev.alerting.promql.ast.VectorSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an expression needs from storage: how far back samples must be kept and which series it can
 * read, so the rule engine can route samples and bound memory.
 *
 * @param retention the longest look-back of any selector (range or lookback delta, plus positive
 *     offset)
 * @param selectors every selector's matchers, including its {@code __name__} matcher
 */
public record Requirements(Duration retention, List<List<Matcher>> selectors) {

  public Requirements {
    selectors = selectors.stream().map(List::copyOf).toList();
  }

  static Requirements of(Expr expr, Duration lookback) {
    long[] longest = {0};
    List<List<Matcher>> selectors = new ArrayList<>();
    Set<VectorSelector> inRange = new HashSet<>();
    Exprs.walk(
        expr,
        e -> {
          if (e instanceof MatrixSelector m) {
            inRange.add(m.selector());
            longest[0] =
                Math.max(longest[0], m.rangeMillis() + Math.max(0, m.selector().offsetMillis()));
          } else if (e instanceof VectorSelector v) {
            selectors.add(v.matchers());
            if (!inRange.contains(v)) {
              longest[0] =
                  Math.max(longest[0], lookback.toMillis() + Math.max(0, v.offsetMillis()));
            }
          }
        });
    return new Requirements(Duration.ofMillis(longest[0]), selectors);
  }

  /** Whether any selector of the expression would select this series. */
  public boolean wants(Labels series) {
    for (List<Matcher> matchers : selectors) {
      if (matchers.stream().allMatch(m -> m.matches(series))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The metric names the expression reads, when every selector names its metric by equality; empty
   * when some selector matches names by regex or not at all (route everything then).
   */
  public Optional<Set<String>> metricNames() {
    Set<String> names = new HashSet<>();
    for (List<Matcher> matchers : selectors) {
      Optional<String> name =
          matchers.stream()
              .filter(m -> m.name().equals(Labels.METRIC_NAME) && m.type() == Matcher.Type.EQ)
              .map(Matcher::value)
              .findFirst();
      if (name.isEmpty()) {
        return Optional.empty();
      }
      names.add(name.get());
    }
    return Optional.of(Set.copyOf(names));
  }

  /**
   * The {@code __name__} matchers of every selector (possibly none for a selector like {@code
   * {job="x"}}).
   */
  public List<List<Matcher>> nameMatchers() {
    return selectors.stream()
        .map(ms -> ms.stream().filter(m -> m.name().equals(Labels.METRIC_NAME)).toList())
        .toList();
  }
}
