package dev.alerting.notify.config;

import dev.alerting.model.Matcher;
import dev.alerting.notify.route.GroupBy;
import dev.alerting.notify.route.Route;
import dev.alerting.notify.route.RouteTimes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the routing tree; each child inherits the settings its parent ends up with. */
final class RouteParser {
  private static final Set<String> KEYS =
      Set.of(
          "receiver",
          "group_by",
          "group_wait",
          "group_interval",
          "repeat_interval",
          "match",
          "match_re",
          "matchers",
          "continue",
          "routes",
          "mute_time_intervals",
          "active_time_intervals");

  private final Set<String> receivers;
  private final Set<String> intervals;
  private final Map<String, RouteTimes> times;
  private final List<String> warnings;

  /** {@code times} receives each route's time intervals, by route id. */
  RouteParser(
      Set<String> receivers,
      Set<String> intervals,
      Map<String, RouteTimes> times,
      List<String> warnings) {
    this.receivers = receivers;
    this.intervals = intervals;
    this.times = times;
    this.warnings = warnings;
  }

  Route root(Node n) {
    if (!n.has("receiver")) {
      throw n.error("receiver", "the root route must have a receiver");
    }
    if (n.has("match") || n.has("match_re") || n.has("matchers")) {
      throw new ConfigError(n.path(), "the root route must not have any matchers");
    }
    if (n.bool("continue", false)) {
      throw n.error("continue", "cannot be set on the root route");
    }
    if (!n.strings("mute_time_intervals").isEmpty()) {
      throw n.error("mute_time_intervals", "root route must not have any mute time intervals");
    }
    if (!n.strings("active_time_intervals").isEmpty()) {
      throw n.error("active_time_intervals", "root route must not have any active time intervals");
    }
    Route defaults =
        new Route(
            n.required("receiver"),
            GroupBy.none(),
            Route.DEFAULT_GROUP_WAIT,
            Route.DEFAULT_GROUP_INTERVAL,
            Route.DEFAULT_REPEAT_INTERVAL,
            List.of(),
            false,
            List.of(),
            "",
            "");
    return route(n, defaults, null);
  }

  private Route route(Node n, Route parent, String parentKey) {
    n.warnUnknown(KEYS, warnings);
    RouteTimes routeTimes =
        new RouteTimes(n.strings("mute_time_intervals"), n.strings("active_time_intervals"));
    for (String k : List.of("mute_time_intervals", "active_time_intervals")) {
      for (String name : n.strings(k)) {
        if (!intervals.contains(name)) {
          throw n.error(k, "undefined time interval \"" + name + "\" used in route");
        }
      }
    }
    if (!routeTimes.equals(RouteTimes.NONE)) {
      times.put(n.path(), routeTimes);
    }
    String receiver = n.string("receiver").filter(s -> !s.isBlank()).orElse(parent.receiver());
    if (!receivers.contains(receiver)) {
      throw n.error(
          "receiver", "route " + n.path() + " references unknown receiver '" + receiver + "'");
    }
    GroupBy groupBy =
        n.has("group_by")
            ? n.parse("group_by", () -> GroupBy.of(n.strings("group_by")))
            : parent.groupBy();
    Duration wait = n.duration("group_wait").orElse(parent.groupWait());
    Duration interval = positive(n, "group_interval", parent.groupInterval());
    Duration repeat = positive(n, "repeat_interval", parent.repeatInterval());
    List<Matcher> matchers = Matchers.collect(n, "match", "match_re", "matchers");
    String key = Route.keyOf(parentKey, matchers);
    // Build the children against this node's effective settings, then the node itself.
    Route self =
        n.build(
            () ->
                new Route(
                    receiver,
                    groupBy,
                    wait,
                    interval,
                    repeat,
                    matchers,
                    n.bool("continue", false),
                    List.of(),
                    key,
                    n.path()));
    List<Route> children = new ArrayList<>();
    for (Node c : n.objects("routes")) {
      children.add(route(c, self, key));
    }
    return n.build(
        () ->
            new Route(
                receiver,
                groupBy,
                wait,
                interval,
                repeat,
                matchers,
                self.continueMatching(),
                children,
                key,
                n.path()));
  }

  private static Duration positive(Node n, String key, Duration inherited) {
    Duration d = n.duration(key).orElse(inherited);
    if (d.isZero() || d.isNegative()) {
      throw n.error(key, "cannot be zero");
    }
    return d;
  }
}
