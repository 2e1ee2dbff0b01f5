package dev.alerting.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.Sample;
import dev.alerting.promql.PromQL;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.notation.SeriesNotation;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.storage.SeriesSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Differential: range functions and instant selectors read in place from the store, with label sets
 * derived once and kept in a {@link LabelMemo} across evaluations, give exactly what the copying
 * path gives (a source that only implements {@code select}, no memo), evaluation after evaluation
 * over a store that keeps changing: counter resets, stale markers, gaps, late and replaced samples,
 * native histograms mixed with floats, a series that stops, evaluations before the newest sample
 * (where an instant selector must not take the series' newest sample), on a plain and on a
 * compressed store (whose newest sample is read from the series' header, not decoded).
 */
@DisplayName("In-place windows and the label memo")
class InPlaceEvaluationTest {
  private static final double STALE = Double.longBitsToDouble(Sample.STALE_NAN_BITS);
  private static final long STEP = 15_000;
  // a series that gets no sample after this round: it leaves the 5 m lookback 20 rounds later
  private static final Labels STOPS = Labels.of("__name__", "g", "svc", "gone");
  private static final int STOPPED_AFTER = 60;

  private static final List<String> EXPRESSIONS =
      List.of(
          "rate(req_total[5m])",
          "increase(req_total{code=~\"5..\"}[5m])",
          "delta(g[2m])",
          "irate(req_total[1m])",
          "idelta(g[1m])",
          "rate(req_total{code=~\"5..\"}[5m]) / rate(req_total[5m]) > 0.05",
          "sum by (svc) (rate(req_total[5m])) / on (svc) group_left sum by (svc) (rate(req_total[10m]))",
          "100 - avg(rate(req_total{code=\"200\"}[5m])) * 100",
          "sum without (code) (rate(req_total[5m]))",
          "count by (svc) (g) + min by (svc) (g) - max by (svc) (g)",
          "histogram_quantile(0.9, rate(lat_bucket[5m]))",
          "histogram_quantile(0.5, sum by (le) (increase(lat_bucket[5m])))",
          "rate(req_total[5m] offset 1m)",
          "(g - g offset 5m) / g offset 5m < 0.5",
          "g",
          "-g",
          "h",
          "mixed",
          "rate(h[5m])",
          "irate(h[1m])",
          "increase(mixed[5m])",
          "irate(mixed[2m])",
          "rate(req_total[5m] @ end())");

  @ParameterizedTest(name = "seed {0}, compressed {1}")
  @CsvSource({"1,false", "2,false", "3,false", "4,false", "5,false", "1,true", "2,true", "3,true"})
  @DisplayName("gives the copying path's elements, in its order, at every evaluation")
  void sameAsCopying(long seed, boolean compress) {
    Random random = new Random(seed);
    MemorySeriesStore store = new MemorySeriesStore(compress);
    SeriesSource copying = store::select;
    List<Expr> exprs = EXPRESSIONS.stream().map(PromQL::parse).toList();
    List<LabelMemo> memos = exprs.stream().map(e -> new LabelMemo()).toList();
    List<Labels> series = series();
    FloatHistogram[] histograms = histograms();
    long t = 0;
    for (int round = 0; round < 120; round++) {
      t += STEP;
      for (int s = 0; s < series.size(); s++) {
        if (round < STOPPED_AFTER || !series.get(s).equals(STOPS)) {
          append(store, series.get(s), t, round, s, random, histograms);
        }
      }
      // a poll may evaluate the same instant again after more samples came for it
      for (int again = 0; again < 1 + random.nextInt(2); again++) {
        for (int i = 0; i < exprs.size(); i++) {
          Expr expr = exprs.get(i);
          LabelMemo memo = memos.get(i);
          // now and then a moment before the newest samples: the window ends before them
          long at = random.nextInt(5) == 0 ? t - 1 - random.nextInt((int) STEP) : t;
          String expected = outcome(() -> Evaluator.instantFromCopies(expr, at, copying));
          String actual = outcome(() -> Evaluator.instant(expr, at, store, memo));
          assertThat(actual).as("%s at round %d", EXPRESSIONS.get(i), round).isEqualTo(expected);
          // the in-place path over a source with only select: SeriesSource's default methods
          assertThat(outcome(() -> Evaluator.instant(expr, at, copying)))
              .as("%s at round %d, default methods", EXPRESSIONS.get(i), round)
              .isEqualTo(expected);
        }
        if (random.nextInt(4) == 0) {
          // a late sample into some series' window
          Labels late = series.get(random.nextInt(series.size()));
          store.append(late, random.nextDouble() * 100, t - STEP / 2);
        }
      }
    }
  }

  private static List<Labels> series() {
    List<Labels> out = new ArrayList<>();
    for (String svc : List.of("a", "b", "c")) {
      for (String code : List.of("200", "500", "503")) {
        out.add(Labels.of("__name__", "req_total", "svc", svc, "code", code));
      }
      for (String le : List.of("0.1", "0.5", "1", "+Inf")) {
        out.add(Labels.of("__name__", "lat_bucket", "svc", svc, "le", le));
      }
      out.add(Labels.of("__name__", "g", "svc", svc));
      out.add(Labels.of("__name__", "h", "svc", svc));
      out.add(Labels.of("__name__", "mixed", "svc", svc));
    }
    out.add(STOPS);
    return out;
  }

  private static FloatHistogram[] histograms() {
    return SeriesNotation.parseValues(
            "{{schema:0 sum:5 count:4 buckets:[1 2 1]}} {{schema:0 sum:9 count:7 buckets:[2 3 2]}}"
                + " {{schema:0 sum:2 count:1 buckets:[1]}}")
        .stream()
        .map(SeriesNotation.Step::histogram)
        .toArray(FloatHistogram[]::new);
  }

  private static void append(
      MemorySeriesStore store,
      Labels labels,
      long t,
      int round,
      int s,
      Random random,
      FloatHistogram[] histograms) {
    String name = labels.metricName();
    int dice = random.nextInt(20);
    if (dice == 0) {
      return; // a gap
    }
    if (dice == 1) {
      store.append(labels, STALE, t);
      return;
    }
    if (name.equals("h") || (name.equals("mixed") && random.nextBoolean())) {
      store.append(labels, histograms[(round + s) % histograms.length], t);
      return;
    }
    double value =
        name.equals("g") ? 50 + random.nextInt(100) : (round % 40 == 39 ? 1 : round * (s + 1.0));
    store.append(labels, value, t);
    if (dice == 2) {
      store.append(labels, value + 3, t); // redelivered with another value: replaces it
    }
  }

  private static String outcome(Supplier<Value> evaluation) {
    Value v;
    try {
      v = evaluation.get();
    } catch (RuntimeException e) {
      return "error " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    if (!(v instanceof Value.Vector vector)) {
      return v.toString();
    }
    StringBuilder out = new StringBuilder();
    for (InstantSample s : vector.samples()) {
      out.append(s.labels())
          .append(' ')
          .append(Long.toHexString(Double.doubleToRawLongBits(s.value())))
          .append(' ')
          .append(s.timestamp())
          .append(' ')
          .append(s.dropName())
          .append(' ')
          .append(s.histogram())
          .append('\n');
    }
    return out.toString();
  }
}
