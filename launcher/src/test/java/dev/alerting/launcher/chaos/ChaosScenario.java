package dev.alerting.launcher.chaos;

import dev.alerting.launcher.chaos.Observed.Seen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * One fault under a steady push load, as a timeline. Three sets of series: A goes above the
 * threshold before the fault and back under it as the fault is injected, B goes above as the fault
 * is injected, C goes above when the killed part is restarted; B and C go back under once all have
 * fired. Each series must therefore fire once and resolve once, across the fault, on {@code
 * alerts}, at the webhook and in its incident. The seconds to the first correct alert are from
 * starting the restarted process to C's first firing seen where the fault is: on {@code alerts}, at
 * the webhook (notifier) or in the incident API (incident service).
 */
final class ChaosScenario {
  /** Where the first correct effect after the restart is read. */
  enum Watch {
    ALERTS("firing event on alerts"),
    NOTIFICATIONS("firing notification at the webhook"),
    INCIDENTS("open incident in the API");

    final String means;

    Watch(String means) {
      this.means = means;
    }
  }

  /** A step of the fault that may throw (kill, restart). */
  interface Step {
    void run() throws Exception;
  }

  private static final int PER_SET = 3;
  private static final double HOT = 10;
  private static final double COLD = 1;
  private static final Duration PUSH_PERIOD = Duration.ofMillis(200);
  private static final Duration DOWN = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(90);
  // after everything is seen, how long late duplicates get to show up before counting
  private static final Duration SETTLE = Duration.ofSeconds(3);

  private final ChaosStack stack;

  ChaosScenario(ChaosStack stack) {
    this.stack = stack;
  }

  /** Runs the timeline around {@code kill} and {@code restart}; prints and returns the row. */
  ChaosRow run(String fault, String slug, Watch watch, Step kill, Step restart) throws Exception {
    List<String> a = series(slug, "a");
    List<String> b = series(slug, "b");
    List<String> c = series(slug, "c");
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    Observed seen = stack.observed();
    long restartedAt;
    Set<String> acked;
    try (SteadyPusher pusher = new SteadyPusher(stack.ingestUrl(), PUSH_PERIOD)) {
      pusher.set(a, HOT);
      pusher.set(b, COLD);
      pusher.set(c, COLD);
      await("A fired everywhere before the fault", () -> everywhere(seen, a, "firing"));

      pusher.set(a, COLD);
      pusher.set(b, HOT);
      kill.run();
      Pause.millis(DOWN.toMillis());
      restartedAt = System.currentTimeMillis();
      pusher.set(c, HOT);
      restart.run();
      List<String> fired = new ArrayList<>(b);
      fired.addAll(c);
      boolean recovered =
          awaitQuietly(() -> everywhere(seen, a, "resolved") && everywhere(seen, fired, "firing"));
      pusher.set(b, COLD);
      pusher.set(c, COLD);
      if (recovered) {
        awaitQuietly(() -> everywhere(seen, all, "resolved"));
      }
      Pause.millis(SETTLE.toMillis());
      acked = pusher.acknowledged();
      System.out.printf(
          "CHAOS %s: pushes acknowledged %d, refused %d, failed %d%n",
          fault, pusher.requestsAcknowledged(), pusher.requestsRefused(), pusher.requestsFailed());
    }
    seen.refresh();
    Set<String> missing = SampleAudit.missing(stack.brokers.bootstrapServers(), acked);
    long first = firstCorrect(seen, c, watch);
    double seconds = first == Long.MAX_VALUE ? Double.NaN : (first - restartedAt) / 1000.0;
    ChaosRow row = Tally.count(fault, all, seen, acked, missing, seconds, watch.means);
    System.out.println("CHAOS ROW " + row.markdown());
    row.details().forEach(d -> System.out.println("CHAOS DETAIL " + fault + ": " + d));
    return row;
  }

  private static List<String> series(String slug, String set) {
    return IntStream.range(0, PER_SET).mapToObj(i -> slug + "-" + set + i).toList();
  }

  /** Every series has {@code status} on alerts, at the webhook, in its incident and its page. */
  private static boolean everywhere(Observed seen, List<String> series, String status) {
    seen.refresh();
    Map<String, Map<String, Long>> events = Tally.perSeries(seen.alertEvents(), series);
    Map<String, Map<String, Long>> notes = Tally.perSeries(seen.deliveries("hook"), series);
    String incidentStatus = status.equals("firing") ? "open" : "resolved";
    Map<String, List<Seen>> pages = seen.pagesByIncident();
    for (String s : series) {
      if (!events.getOrDefault(s, Map.of()).containsKey(status)
          || !notes.getOrDefault(s, Map.of()).containsKey(status)) {
        return false;
      }
      boolean incident =
          seen.incidents().entrySet().stream()
              .anyMatch(
                  e ->
                      e.getValue().series().equals(s)
                          && (e.getValue().what().equals(incidentStatus) || status.equals("firing"))
                          && pages.getOrDefault(e.getKey(), List.of()).stream()
                              .anyMatch(p -> p.what().equals(status)));
      if (!incident) {
        return false;
      }
    }
    return true;
  }

  private long firstCorrect(Observed seen, List<String> c, Watch watch) {
    return switch (watch) {
      case ALERTS ->
          seen.alertEvents().stream()
              .filter(e -> c.contains(e.series()) && e.what().equals("firing"))
              .mapToLong(Seen::atMillis)
              .min()
              .orElse(Long.MAX_VALUE);
      case NOTIFICATIONS ->
          seen.deliveries("hook").stream()
              .filter(e -> c.contains(e.series()) && e.what().equals("firing"))
              .mapToLong(Seen::atMillis)
              .min()
              .orElse(Long.MAX_VALUE);
      case INCIDENTS ->
          c.stream()
              .mapToLong(s -> seen.incidentSeen(s, "open").orElse(Long.MAX_VALUE))
              .min()
              .orElse(Long.MAX_VALUE);
    };
  }

  private static void await(String what, BooleanSupplier done) {
    if (!awaitQuietly(done)) {
      throw new AssertionError(what + ": not within " + WAIT);
    }
  }

  /** Polls until {@code done} or {@link #WAIT}; false on the deadline (the tally then tells). */
  private static boolean awaitQuietly(BooleanSupplier done) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Pause.millis(200);
    }
    return true;
  }
}
