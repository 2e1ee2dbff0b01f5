package dev.alerting.bench.silence;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.notify.silence.Silence;
import dev.alerting.notify.silence.Silences;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of asking which silences mute one alert, with {@link #silences} silences held: 99% carry
 * an equality matcher ({@code instance="host-N"} plus an {@code alertname}), 1% only regex matchers
 * (checked against every alert). The {@code linearScan} baseline checks every silence, as an index-
 * less store would. Score: microseconds per alert ({@link #ALERTS} alerts per invocation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SilenceBenchmark {
  static final int ALERTS = 1000;

  @Param({"10000"})
  public int silences;

  private Silences store;
  private final List<Silence> all = new ArrayList<>();
  private final List<Labels> alerts = new ArrayList<>();
  private Instant now;

  @Setup
  public void setUp() {
    now = Instant.parse("2026-12-03T10:00:00Z");
    store = new Silences();
    Instant end = now.plus(Duration.ofHours(2));
    for (int i = 0; i < silences; i++) {
      List<Matcher> m =
          i % 100 == 0
              ? List.of(
                  Matcher.of("alertname", Matcher.Type.RE, "Alert" + (i % 50) + "|Batch.*"),
                  Matcher.of("instance", Matcher.Type.RE, "host-" + i + "\\..*"))
              : List.of(
                  Matcher.eq("instance", "host-" + i), Matcher.eq("alertname", "Alert" + (i % 50)));
      Silence s = new Silence("s" + i, m, now, end, now, "bench", "");
      store.apply(s);
      all.add(s);
    }
    for (int a = 0; a < ALERTS; a++) {
      alerts.add(
          Labels.of(
              "alertname",
              "Alert" + (a % 50),
              "instance",
              "host-" + (a * 37 % (silences * 2)),
              "job",
              "node",
              "severity",
              a % 3 == 0 ? "critical" : "warning"));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ALERTS)
  public int indexed() {
    int muted = 0;
    for (Labels l : alerts) {
      muted += store.silencedBy(l, now).size();
    }
    return muted;
  }

  @Benchmark
  @OperationsPerInvocation(ALERTS)
  public int linearScan() {
    int muted = 0;
    for (Labels l : alerts) {
      for (Silence s : all) {
        if (s.matches(l)) {
          muted++;
        }
      }
    }
    return muted;
  }
}
