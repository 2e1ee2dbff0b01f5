package dev.alerting.promql;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.Exprs;
import dev.alerting.promql.ast.MatrixSelector;
import dev.alerting.promql.ast.Subquery;
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
    List<List<Matcher>> selectors = new ArrayList<>();
    Exprs.walk(
        expr,
        e -> {
          if (e instanceof VectorSelector v) {
            selectors.add(v.matchers());
          }
        });
    return new Requirements(Duration.ofMillis(retention(expr, lookback.toMillis())), selectors);
  }

  /**
   * How far before the evaluation time {@code e} reads: a subquery adds its range and offset to
   * what its inner expression reads at the subquery's earliest step.
   */
  private static long retention(Expr e, long lookback) {
    if (e instanceof MatrixSelector m) {
      return m.rangeMillis() + Math.max(0, m.selector().offsetMillis());
    }
    if (e instanceof VectorSelector v) {
      return lookback + Math.max(0, v.offsetMillis());
    }
    if (e instanceof Subquery s) {
      return Math.max(0, s.offsetMillis() + s.rangeMillis() + retention(s.expr(), lookback));
    }
    long longest = 0;
    for (Expr child : Exprs.children(e)) {
      longest = Math.max(longest, retention(child, lookback));
    }
    return longest;
  }

  /** Whether any selector of the expression would select this series. */
  public boolean wants(Labels series) {
    for (List<Matcher> matchers : selectors) {
      if (matchesAll(matchers, series)) {
        return true;
      }
    }
    return false;
  }

  // a loop, not a stream: the rule engine asks this for every new series and every sample of a
  // series no rule reads
  private static boolean matchesAll(List<Matcher> matchers, Labels series) {
    for (int i = 0; i < matchers.size(); i++) {
      if (!matchers.get(i).matches(series)) {
        return false;
      }
    }
    return true;
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
