package dev.alerting.rule.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.promql.Partition;
import dev.alerting.promql.storage.MemorySeriesStore;
import dev.alerting.promql.storage.StoredSeries;
import dev.alerting.rule.expr.Element;
import dev.alerting.rule.expr.Expression;
import dev.alerting.rule.expr.PromQLParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GroupResults} against the whole evaluation, on a real store and the real PromQL engine:
 * after each instant at which a random subset of series got samples, the kept result must be, for
 * every group that got a sample, exactly the whole evaluation's elements with that group's key, and
 * for every other group what it was at that group's latest evaluation; after a tick, exactly the
 * whole evaluation. A partition that splits what an expression combines makes a group's evaluation
 * miss series and fails here. The reported changes must turn the previous result into the current
 * one (the alert index applies only them).
 */
@DisplayName("Group results")
class GroupResultsTest {
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  static final long STEP = 15_000;
  static final long NEVER = Long.MAX_VALUE / 4;
  // label sets in their text order, for readable failures
  static final Comparator<Labels> BY_TEXT = Comparator.comparing(Labels::toString);

  static Stream<String> expressions() {
    return Stream.of(
        "(rate(http_requests_total{code=~\"5..\"}[1m]) / rate(http_requests_total[1m])) > 0.2",
        "histogram_quantile(0.9, rate(latency_bucket[1m])) > 0.05",
        "histogram_quantile(0.9, sum by (le, job) (rate(latency_bucket[1m]))) > 0.05",
        "increase(x[1m]) > 2",
        "rate(x[2m]) < 0.3",
        "(avail / size) < 0.5",
        "(size - avail) / size > 0.4",
        "sum by (job) (rate(x[1m])) > 0.1",
        "avg without (i) (x) > 5",
        "max by (job) (x) - min by (job) (x) > 4",
        "count by (job) (x > 5) >= 2",
        "x > on (i, job) group_left (v) y",
        "x * ignoring (v) group_right y > 20",
        "(x and on (job) y > 5) or avail",
        "x unless on (i) (avail > 20)",
        "x offset 1m > 5",
        "abs(x - 5) > 2",
        "stddev by (job) (x) > 2",
        "quantile by (job) (0.5, x) > 4");
  }

  /** Series of every metric the expressions read, over labels i, job and (for y) v. */
  static List<Labels> series() {
    List<Labels> out = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String job = i % 2 == 0 ? "api" : "web";
      String inst = "i" + i;
      for (String code : List.of("200", "500")) {
        out.add(Labels.of("__name__", "http_requests_total", "i", inst, "job", job, "code", code));
      }
      for (String le : List.of("0.1", "0.5", "1", "+Inf")) {
        out.add(Labels.of("__name__", "latency_bucket", "i", inst, "job", job, "le", le));
      }
      out.add(Labels.of("__name__", "x", "i", inst, "job", job));
      out.add(Labels.of("__name__", "y", "i", inst, "job", job, "v", "v" + (i % 2)));
      out.add(Labels.of("__name__", "avail", "i", inst, "job", job));
      out.add(Labels.of("__name__", "size", "i", inst, "job", job));
    }
    return out;
  }

  /** Counters grow (with an occasional reset), gauges wander; sometimes a stale marker. */
  static double value(Labels s, Random random, Map<Labels, Double> last) {
    String name = s.metricName();
    double prev = last.getOrDefault(s, 0.0);
    double v;
    if (name.endsWith("_total") || name.endsWith("_bucket") || name.equals("x")) {
      v = random.nextInt(30) == 0 ? random.nextInt(3) : prev + random.nextInt(12) / 2.0;
      if (name.equals("x") && random.nextBoolean()) {
        v = random.nextInt(12);
      }
    } else if (name.equals("size")) {
      v = 100;
    } else {
      v = random.nextInt(25);
    }
    last.put(s, v);
    return v;
  }

  static Function<Element, Candidate> expand() {
    return el -> new Candidate(el.labels(), Map.of(), el.value());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expressions")
  @DisplayName("keeps what the whole evaluation gives each group at its latest evaluation")
  void sameAsWholePerGroup(String text) throws Exception {
    Expression expr = new PromQLParser().parse(text);
    Partition partition = expr.partition().orElseThrow();
    for (int seed = 1; seed <= 8; seed++) {
      check(expr, partition, seed);
    }
  }

  private void check(Expression expr, Partition partition, int seed) {
    Random random = new Random(seed);
    MemorySeriesStore store = new MemorySeriesStore(seed % 2 == 0);
    GroupResults kept = new GroupResults(expr, partition, NEVER);
    List<Labels> all = series();
    Set<List<String>> keys = new HashSet<>();
    all.forEach(s -> keys.add(partition.key(s)));
    Map<Labels, Double> last = new HashMap<>();
    // what the kept result must be: per group key, the elements of its latest evaluation
    Map<List<String>, List<Element>> expected = new HashMap<>();
    Map<Labels, Candidate> shadow = new HashMap<>();
    int partial = 0;
    int elements = 0;
    for (int step = 0; step < 60; step++) {
      long t = T0 + step * STEP + random.nextInt(3) * 1000;
      String where = expr.text() + ", seed " + seed + ", step " + step;
      if (step > 4 && random.nextInt(6) == 0) {
        // a tick: every group evaluated, the whole result exact
        assertThat(kept.tick(store, t, expand())).as(where).isTrue();
        expected.clear();
        group(expr.evaluate(store, t), partition, expected, null);
      } else {
        List<StoredSeries> changed = new ArrayList<>();
        Set<List<String>> touched = new HashSet<>();
        // often a few series only, so that with few groups some stay untouched
        double share = step < 3 ? 1 : Math.pow(random.nextDouble(), 3);
        for (Labels s : all) {
          if (random.nextDouble() < share) {
            store.append(s, value(s, random, last), t);
            changed.add(store.find(s));
            touched.add(partition.key(s));
          }
        }
        partial += touched.containsAll(keys) ? 0 : 1;
        boolean first = step == 0;
        kept.update(store, changed, t, expand());
        List<Element> whole = expr.evaluate(store, t);
        if (first) {
          expected.clear();
          group(whole, partition, expected, null);
        } else {
          touched.forEach(expected::remove);
          group(whole, partition, expected, touched);
        }
      }
      Map<Labels, Double> want = new TreeMap<>(BY_TEXT);
      expected.values().forEach(l -> l.forEach(el -> want.put(el.labels(), el.value())));
      Map<Labels, Double> got = new TreeMap<>(BY_TEXT);
      kept.current().forEach(c -> got.put(c.labels(), c.value()));
      assertThat(got).as(where).isEqualTo(want);
      assertThat(kept.size()).as(where).isEqualTo(want.size());
      if (kept.reread()) {
        shadow.clear();
        kept.current().forEach(c -> shadow.put(c.labels(), c));
      } else {
        for (KeptResults.Change c : kept.changes()) {
          if (c.before() != null) {
            assertThat(shadow.remove(c.before().labels())).as(where).isNotNull();
          }
        }
        for (KeptResults.Change c : kept.changes()) {
          if (c.after() != null) {
            assertThat(shadow.put(c.after().labels(), c.after())).as(where).isNull();
          }
        }
      }
      Map<Labels, Double> applied = new TreeMap<>(BY_TEXT);
      shadow.values().forEach(c -> applied.put(c.labels(), c.value()));
      assertThat(applied).as(where + ": the changes applied").isEqualTo(got);
      kept.changesConsumed();
      elements += got.size();
    }
    // the stream must exercise what it checks
    assertThat(partial).as("instants with some group untouched").isGreaterThan(3);
    assertThat(elements).as("elements kept over the run").isGreaterThan(20);
  }

  /** Adds the elements of {@code whole} by group key, only those of {@code only} when set. */
  private static void group(
      List<Element> whole,
      Partition partition,
      Map<List<String>, List<Element>> into,
      Set<List<String>> only) {
    for (Element el : whole) {
      List<String> key = partition.key(el.labels());
      if (only == null || only.contains(key)) {
        into.computeIfAbsent(key, k -> new ArrayList<>()).add(el);
      }
    }
  }

  @Test
  @DisplayName("re-evaluates a group with no sample once the refresh interval has passed")
  void refreshesQuietGroups() throws Exception {
    Expression expr = new PromQLParser().parse("rate(x[1m]) > 0");
    MemorySeriesStore store = new MemorySeriesStore(false);
    GroupResults kept = new GroupResults(expr, expr.partition().orElseThrow(), 60_000);
    Labels quiet = Labels.of("__name__", "x", "i", "quiet");
    Labels busy = Labels.of("__name__", "x", "i", "busy");
    for (int step = 0; step < 4; step++) {
      long t = T0 + step * STEP;
      store.append(quiet, step, t);
      store.append(busy, step, t);
      kept.update(store, List.of(store.find(quiet), store.find(busy)), t, expand());
    }
    assertThat(kept.size()).isEqualTo(2);
    // quiet stops; busy goes on. A minute after its last sample quiet's window holds one sample
    // and the whole evaluation drops it; kept, it stays until its refresh is due.
    long lastQuiet = T0 + 3 * STEP;
    for (int step = 4; step < 12; step++) {
      long t = T0 + step * STEP;
      store.append(busy, step, t);
      kept.update(store, List.of(store.find(busy)), t, expand());
      String at = "+" + (t - lastQuiet) / 1000 + " s after quiet's last sample";
      // the whole evaluation loses quiet 45 s after its last sample (one sample left in the
      // window); the kept result at its refresh, 60 s after its latest evaluation
      assertThat(expr.evaluate(store, t)).as(at).hasSize(t - lastQuiet >= 45_000 ? 1 : 2);
      assertThat(kept.current()).as(at).hasSize(t - lastQuiet >= 60_000 ? 1 : 2);
    }
  }
}
