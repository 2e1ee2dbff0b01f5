package dev.alerting.launcher.chaos;

import dev.alerting.launcher.chaos.Observed.Seen;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts one scenario's outcome from what was observed: every series must fire once and resolve
 * once on {@code alerts}, be notified once firing and once resolved, have one incident that ends
 * resolved, paged once and its resolve sent once; every acknowledged sample must be on {@code
 * metrics.samples}.
 */
final class Tally {
  private static final List<String> STATUSES = List.of("firing", "resolved");

  private final List<String> details = new ArrayList<>();

  private Tally() {}

  static ChaosRow count(
      String fault,
      Collection<String> series,
      Observed seen,
      Set<String> acked,
      Set<String> missingSamples,
      double seconds,
      String means) {
    Tally t = new Tally();
    if (!missingSamples.isEmpty()) {
      t.details.add(
          "acknowledged samples missing from metrics.samples (metric|series|timestamp): "
              + missingSamples.stream().limit(10).toList());
    }
    Map<String, Map<String, Long>> events = perSeries(seen.alertEvents(), series);
    Map<String, Map<String, Long>> notified = perSeries(seen.deliveries("hook"), series);
    int missedFires = t.missing("alert event", events, series, "firing");
    int missedResolves = t.missing("alert event", events, series, "resolved");
    int dupEvents = t.duplicates("alert events", events);
    int dupNotes = t.duplicates("notifications", notified);
    int missingNotes =
        t.missing("notification", notified, series, "firing")
            + t.missing("notification", notified, series, "resolved");

    Map<String, Seen> incidents =
        seen.incidents().entrySet().stream()
            .filter(e -> series.contains(e.getValue().series()))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    Map<String, Long> incidentsPerSeries =
        incidents.values().stream()
            .collect(Collectors.groupingBy(Seen::series, Collectors.counting()));
    int dupIncidents = 0;
    int missingIncidents = 0;
    for (String s : series) {
      long n = incidentsPerSeries.getOrDefault(s, 0L);
      if (n == 0) {
        missingIncidents++;
        t.details.add("no incident for series " + s);
      } else if (n > 1) {
        dupIncidents += (int) n - 1;
        t.details.add(n + " incidents for series " + s);
      }
    }
    int unresolved = 0;
    for (var e : incidents.entrySet()) {
      if (!e.getValue().what().equals("resolved")) {
        unresolved++;
        t.details.add(
            "incident "
                + e.getKey()
                + " of "
                + e.getValue().series()
                + " is "
                + e.getValue().what());
      }
    }

    Map<String, List<Seen>> pages = seen.pagesByIncident();
    int dupPages = 0;
    int missingPages = 0;
    for (String id : incidents.keySet()) {
      Map<String, Long> byStatus =
          pages.getOrDefault(id, List.of()).stream()
              .collect(Collectors.groupingBy(Seen::what, Collectors.counting()));
      for (String status : STATUSES) {
        long n = byStatus.getOrDefault(status, 0L);
        if (n == 0) {
          missingPages++;
          t.details.add("no " + status + " page for incident " + id);
        } else if (n > 1) {
          dupPages += (int) n - 1;
          t.details.add(n + " " + status + " pages for incident " + id);
        }
      }
    }
    return new ChaosRow(
        fault,
        missingSamples.size(),
        acked.size(),
        missedFires,
        missedResolves,
        dupEvents,
        dupNotes,
        missingNotes,
        dupPages,
        missingPages,
        dupIncidents,
        missingIncidents,
        unresolved,
        seconds,
        means,
        List.copyOf(t.details));
  }

  /** Per series of {@code series}, how many observations of each status. */
  static Map<String, Map<String, Long>> perSeries(List<Seen> seen, Collection<String> series) {
    return seen.stream()
        .filter(s -> series.contains(s.series()))
        .collect(
            Collectors.groupingBy(
                Seen::series, Collectors.groupingBy(Seen::what, Collectors.counting())));
  }

  private int missing(
      String what,
      Map<String, Map<String, Long>> counts,
      Collection<String> series,
      String status) {
    int n = 0;
    for (String s : series) {
      if (counts.getOrDefault(s, Map.of()).getOrDefault(status, 0L) == 0) {
        n++;
        details.add("no " + status + " " + what + " for series " + s);
      }
    }
    return n;
  }

  private int duplicates(String what, Map<String, Map<String, Long>> counts) {
    int n = 0;
    for (var s : counts.entrySet()) {
      for (var st : s.getValue().entrySet()) {
        if (st.getValue() > 1) {
          n += (int) (st.getValue() - 1);
          details.add(st.getValue() + " " + st.getKey() + " " + what + " for series " + s.getKey());
        }
      }
    }
    return n;
  }
}
