package dev.alerting.notify.dispatch;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.notify.config.AlertmanagerConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Drives a {@link Dispatcher} through a timeline on a fake clock: events like {@code "60s fire
 * alertname=A,id=a1"} or {@code "100s resolve alertname=A,id=a1"}; every group flush that is due is
 * run at its exact time, and each delivery is written as {@code "330s hook/webhook firing[a2 -a1]"}
 * (alerts by their {@code id} label, resolved ones prefixed with '-').
 */
final class Timeline {
  private final Dispatcher dispatcher;
  private final Map<Labels, Instant> started = new HashMap<>();
  private final List<String> deliveries = new ArrayList<>();
  private long ticket;

  Timeline(AlertmanagerConfig config) {
    this.dispatcher = new Dispatcher(config);
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  static List<String> run(AlertmanagerConfig config, List<String> events, long untilSeconds) {
    Timeline t = new Timeline(config);
    for (String e : events) {
      t.event(e);
    }
    t.advance(untilSeconds * 1000);
    return t.deliveries;
  }

  int event(String line) {
    String[] parts = line.split(" ");
    long at = seconds(parts[0]) * 1000;
    advance(at);
    Labels labels = labels(parts[2]);
    Alert alert;
    if (parts[1].equals("fire")) {
      Instant startsAt = started.computeIfAbsent(labels, l -> Instant.ofEpochMilli(at));
      alert = new Alert(AlertStatus.FIRING, labels, Map.of(), startsAt, null, "");
    } else {
      Instant startsAt = started.remove(labels);
      alert =
          new Alert(AlertStatus.RESOLVED, labels, Map.of(), startsAt, Instant.ofEpochMilli(at), "");
    }
    return dispatcher.accept(alert, ticket++, at);
  }

  void advance(long toMillis) {
    while (dispatcher.nextFlushAt().isPresent()
        && dispatcher.nextFlushAt().getAsLong() <= toMillis) {
      long at = dispatcher.nextFlushAt().getAsLong();
      for (Flush f : dispatcher.flushDue(at)) {
        for (Delivery d : f.deliveries()) {
          deliveries.add(describe(at, f, d));
          dispatcher.delivered(f, d, at);
        }
        dispatcher.settled(f);
      }
    }
  }

  List<String> deliveries() {
    return deliveries;
  }

  private static String describe(long at, Flush f, Delivery d) {
    boolean firing = d.alerts().stream().anyMatch(Alert::isFiring);
    String alerts =
        d.alerts().stream()
            .map(a -> (a.isFiring() ? "" : "-") + a.labels().get("id"))
            .collect(Collectors.joining(" "));
    return (at / 1000)
        + "s "
        + f.receiver().name()
        + "/"
        + d.integration().name()
        + " "
        + (firing ? "firing" : "resolved")
        + "["
        + alerts
        + "]";
  }

  private static long seconds(String s) {
    return Long.parseLong(s.substring(0, s.length() - 1));
  }

  private static Labels labels(String s) {
    Map<String, String> m = new HashMap<>();
    for (String kv : s.split(",")) {
      String[] p = kv.split("=");
      m.put(p[0], p[1]);
    }
    return Labels.of(m);
  }
}
