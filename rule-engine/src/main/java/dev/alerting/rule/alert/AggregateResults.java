package dev.alerting.rule.alert;

import dev.alerting.promql.PromQL;
import dev.alerting.promql.Requirements;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.storage.StoredSeries;
import dev.alerting.rule.expr.Element;
import dev.alerting.rule.expr.Expression;
import dev.alerting.rule.expr.PromQLExpression;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The current result of an expression that aggregates many series into few elements ({@code 100 -
 * avg(rate(cpu{mode="idle"}[5m])) * 100 > 80}, {@code sum(rate(a[5m])) / sum(rate(b[5m]))}): each
 * aggregation's input is kept per group of series ({@link GroupResults}, with the same freshness),
 * and the expression is evaluated over those kept inputs, so an evaluation reads from the store
 * only the groups that got samples and then aggregates values already at hand. The aggregation
 * itself runs whole each time (what PromQL computes, over the kept input), not as running sums, so
 * its result is the one PromQL gives for that input.
 */
final class AggregateResults extends KeptResults {
  // the kept inputs are alert material for no one: no templates
  private static final Function<Element, Candidate> PLAIN =
      el -> new Candidate(el.labels(), Map.of(), el.value());

  private final PromQLExpression root;
  private final List<Expr> parts;
  private final List<Requirements> wants = new ArrayList<>();
  private final List<GroupResults> inputs = new ArrayList<>();
  private List<Element> elements = List.of();
  private List<Candidate> candidates = List.of();

  private AggregateResults(PromQLExpression root, List<Expr> parts, long refreshMillis) {
    this.root = root;
    this.parts = parts;
    for (Expr part : parts) {
      PromQLExpression input = new PromQLExpression(root.text(), part);
      wants.add(input.requirements());
      inputs.add(new GroupResults(input, input.partition().orElseThrow(), refreshMillis));
    }
  }

  /** Whether some of {@code expr}'s aggregations' inputs split into groups. */
  static boolean applies(Expression expr) {
    return expr instanceof PromQLExpression p && !PromQL.aggregatedInputs(p.expr()).isEmpty();
  }

  /**
   * Kept results for {@code expr} when some of its aggregations' inputs split into groups (see
   * {@link PromQL#aggregatedInputs}); empty otherwise.
   */
  static Optional<AggregateResults> of(Expression expr, long refreshMillis) {
    if (!applies(expr)) {
      return Optional.empty();
    }
    PromQLExpression p = (PromQLExpression) expr;
    return Optional.of(new AggregateResults(p, PromQL.aggregatedInputs(p.expr()), refreshMillis));
  }

  @Override
  public void invalidate() {
    complete = false;
    inputs.forEach(GroupResults::invalidate);
    elements = List.of();
    candidates = List.of();
    changes.clear();
  }

  @Override
  public void update(
      MemorySeriesStore store,
      Collection<? extends StoredSeries> changed,
      long atMillis,
      Function<Element, Candidate> expand) {
    startUpdate();
    try {
      for (int i = 0; i < inputs.size(); i++) {
        Requirements w = wants.get(i);
        List<StoredSeries> mine = new ArrayList<>(changed.size());
        for (StoredSeries s : changed) {
          if (w.wants(s.labels())) {
            mine.add(s);
          }
        }
        inputs.get(i).update(store, mine, atMillis, PLAIN);
        inputs.get(i).changesConsumed();
      }
      evaluate(store, atMillis, expand);
    } catch (RuntimeException e) {
      invalidate();
      throw e;
    }
  }

  @Override
  public boolean tick(MemorySeriesStore store, long atMillis, Function<Element, Candidate> expand) {
    if (!complete) {
      return false;
    }
    startUpdate();
    try {
      for (GroupResults input : inputs) {
        if (!input.tick(store, atMillis, PLAIN)) {
          invalidate();
          return false;
        }
        input.changesConsumed();
      }
      evaluate(store, atMillis, expand);
    } catch (RuntimeException e) {
      invalidate();
      return false;
    }
    return true;
  }

  /** The whole expression at {@code atMillis}, each aggregation reading its kept input. */
  private void evaluate(
      MemorySeriesStore store, long atMillis, Function<Element, Candidate> expand) {
    Map<Expr, List<InstantSample>> given = new IdentityHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      List<Element> kept = inputs.get(i).elements();
      List<InstantSample> vector = new ArrayList<>(kept.size());
      for (Element el : kept) {
        vector.add(new InstantSample(el.labels(), el.value(), atMillis, false, el.histogram()));
      }
      given.put(parts.get(i), vector);
    }
    List<Element> now = root.evaluate(store, atMillis, given);
    candidates = GroupResults.diff(elements, candidates, now, expand, changes);
    elements = now;
    complete = true;
  }

  @Override
  public int size() {
    return candidates.size();
  }

  @Override
  public List<Candidate> current() {
    return new ArrayList<>(candidates);
  }
}
