package dev.alerting.rule.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.promql.PromQL;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.storage.StoredSeries;
import dev.alerting.rule.expr.PromQLExpression;
import dev.alerting.rule.expr.PromQLParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AggregateResults} against an independent reckoning, on a real store and the real PromQL
 * engine: each aggregation input series' element is what evaluating the input on that series alone
 * gives at that series' latest sample instant (or the latest tick, when later), and the result must
 * be the expression evaluated over those inputs; after a tick, the whole evaluation.
 */
@DisplayName("Aggregate results")
class AggregateResultsTest {
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "100 - (avg(rate(c{mode=\"idle\"}[2m])) * 100) > 50",
        "sum(rate(c{mode=\"idle\"}[2m])) / sum(rate(c[2m])) > 0.2",
        "max(g) - min(g) > 5",
        "count(g > 3) > 2",
        "quantile(0.5, g) > 4",
        "stddev(g) > 2"
      })
  @DisplayName("evaluates over each input series' element at its latest evaluation")
  void overKeptInputs(String text) throws Exception {
    PromQLExpression expr = (PromQLExpression) new PromQLParser().parse(text);
    List<Expr> parts = PromQL.aggregatedInputs(expr.expr());
    assertThat(parts).isNotEmpty();
    // instants where the kept inputs give another result than reading every series
    int stale = 0;
    for (int seed = 1; seed <= 6; seed++) {
      Random random = new Random(seed);
      MemorySeriesStore store = new MemorySeriesStore(seed % 2 == 0);
      AggregateResults kept = AggregateResults.of(expr, Long.MAX_VALUE / 4).orElseThrow();
      List<Labels> series = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        for (String mode : List.of("idle", "user")) {
          series.add(Labels.of("__name__", "c", "cpu", "" + i, "mode", mode));
        }
        series.add(Labels.of("__name__", "g", "i", "" + i));
      }
      Map<Labels, Double> counters = new HashMap<>();
      // each series' instant of latest evaluation
      Map<Labels, Long> evaluatedAt = new HashMap<>();
      int results = 0;
      for (int step = 0; step < 50; step++) {
        long t = T0 + step * 15_000L + random.nextInt(2000);
        String where = text + ", seed " + seed + ", step " + step;
        if (step > 3 && random.nextInt(10) == 0) {
          assertThat(kept.tick(store, t, GroupResultsTest.expand())).as(where).isTrue();
          series.forEach(s -> evaluatedAt.put(s, t));
          assertThat(values(kept)).as(where).isEqualTo(values(expr.evaluate(store, t)));
        } else {
          List<StoredSeries> changed = new ArrayList<>();
          for (Labels s : series) {
            if (step < 2
                || (random.nextBoolean() && !(s.metricName().equals("g") && stops(s, step)))) {
              double v =
                  s.metricName().equals("g")
                      ? random.nextInt(12)
                      : counters.merge(s, (double) random.nextInt(20), Double::sum);
              store.append(s, v, t);
              changed.add(store.find(s));
              evaluatedAt.put(s, t);
            }
          }
          kept.update(store, changed, t, GroupResultsTest.expand());
          Map<Expr, List<InstantSample>> inputs = new IdentityHashMap<>();
          for (Expr part : parts) {
            List<InstantSample> input = new ArrayList<>();
            for (Labels s : series) {
              Long at = evaluatedAt.get(s);
              if (at != null) {
                for (InstantSample el :
                    PromQL.evaluateVector(part, at, store.restrictedTo(List.of(s)))) {
                  input.add(new InstantSample(el.labels(), el.value(), t));
                }
              }
            }
            inputs.put(part, input);
          }
          List<InstantSample> want = PromQL.evaluateVector(expr.expr(), t, store, inputs);
          Map<Labels, Double> wanted = new HashMap<>();
          want.forEach(el -> wanted.put(el.labels(), el.value()));
          assertThat(values(kept)).as(where).isEqualTo(wanted);
          stale += wanted.equals(values(expr.evaluate(store, t))) ? 0 : 1;
        }
        results += kept.size();
        kept.changesConsumed();
      }
      assertThat(results).as("elements over the run").isPositive();
    }
    assertThat(stale).as("instants where kept inputs differ from the series read now").isPositive();
  }

  /** Gauges of instance 4 and 5 stop after step 10: they leave the lookback 5 m later. */
  private static boolean stops(Labels s, int step) {
    return step > 10 && Integer.parseInt(s.get("i")) >= 4;
  }

  private static Map<Labels, Double> values(AggregateResults kept) {
    Map<Labels, Double> out = new HashMap<>();
    kept.current().forEach(c -> out.put(c.labels(), c.value()));
    return out;
  }

  private static Map<Labels, Double> values(List<dev.alerting.rule.expr.Element> elements) {
    Map<Labels, Double> out = new HashMap<>();
    elements.forEach(el -> out.put(el.labels(), el.value()));
    return out;
  }
}
