package dev.alerting.notify.config;

import dev.alerting.notify.inhibit.InhibitRule;
import dev.alerting.notify.receiver.Receiver;
import dev.alerting.notify.route.GroupBy;
import dev.alerting.notify.route.Route;
import dev.alerting.notify.route.RouteTimes;
import dev.alerting.notify.timeinterval.TimeInterval;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded Alertmanager configuration: every route names an existing receiver. {@code warnings}
 * lists what was accepted but ignored (unknown keys, unimplemented features), for the start-up log.
 */
public record AlertmanagerConfig(
    GlobalConfig global,
    Route route,
    Map<String, Receiver> receivers,
    List<InhibitRule> inhibitRules,
    List<String> warnings,
    Map<String, List<TimeInterval>> timeIntervals,
    Map<String, RouteTimes> routeTimes) {

  /** The receiver of the built-in configuration. */
  public static final String LOG_RECEIVER = "log";

  public AlertmanagerConfig {
    receivers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(receivers));
    inhibitRules = List.copyOf(inhibitRules);
    warnings = List.copyOf(warnings);
    timeIntervals = Map.copyOf(timeIntervals);
    routeTimes = Map.copyOf(routeTimes);
    for (RouteTimes t : routeTimes.values()) {
      for (String name : concat(t.mute(), t.active())) {
        if (!timeIntervals.containsKey(name)) {
          throw new IllegalArgumentException(
              "undefined time interval \"" + name + "\" used in route");
        }
      }
    }
    for (Route r : route.flatten()) {
      if (!receivers.containsKey(r.receiver())) {
        throw new IllegalArgumentException(
            "route " + r.key() + " references unknown receiver '" + r.receiver() + "'");
      }
    }
  }

  /** A configuration without time intervals. */
  public AlertmanagerConfig(
      GlobalConfig global,
      Route route,
      Map<String, Receiver> receivers,
      List<InhibitRule> inhibitRules,
      List<String> warnings) {
    this(global, route, receivers, inhibitRules, warnings, Map.of(), Map.of());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /**
   * Whether a route sends nothing at this instant: one of its mute intervals contains it, or it has
   * active intervals and none contains it (Alertmanager's time mute and time active stages).
   */
  public boolean timeMuted(Route route, Instant at) {
    RouteTimes t = routeTimes.getOrDefault(route.id(), RouteTimes.NONE);
    for (String name : t.mute()) {
      if (TimeInterval.anyContains(timeIntervals.get(name), at)) {
        return true;
      }
    }
    if (t.active().isEmpty()) {
      return false;
    }
    for (String name : t.active()) {
      if (TimeInterval.anyContains(timeIntervals.get(name), at)) {
        return false;
      }
    }
    return true;
  }

  /** Used when no file is configured: everything goes to one integration-less (log) receiver. */
  public static AlertmanagerConfig defaults() {
    Route root =
        new Route(
            LOG_RECEIVER,
            GroupBy.none(),
            Route.DEFAULT_GROUP_WAIT,
            Route.DEFAULT_GROUP_INTERVAL,
            Route.DEFAULT_REPEAT_INTERVAL,
            List.of(),
            false,
            List.of(),
            Route.keyOf(null, List.of()),
            "0");
    return new AlertmanagerConfig(
        GlobalConfig.defaults(),
        root,
        Map.of(LOG_RECEIVER, new Receiver(LOG_RECEIVER, List.of())),
        List.of(),
        List.of());
  }

  public Receiver receiver(String name) {
    return receivers.get(name);
  }
}
