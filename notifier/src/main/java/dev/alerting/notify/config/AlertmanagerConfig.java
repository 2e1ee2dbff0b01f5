package dev.alerting.notify.config;

import dev.alerting.notify.inhibit.InhibitRule;
import dev.alerting.notify.receiver.Receiver;
import dev.alerting.notify.route.GroupBy;
import dev.alerting.notify.route.Route;
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
    List<String> warnings) {

  /** The receiver of the built-in configuration. */
  public static final String LOG_RECEIVER = "log";

  public AlertmanagerConfig {
    receivers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(receivers));
    inhibitRules = List.copyOf(inhibitRules);
    warnings = List.copyOf(warnings);
    for (Route r : route.flatten()) {
      if (!receivers.containsKey(r.receiver())) {
        throw new IllegalArgumentException(
            "route " + r.key() + " references unknown receiver '" + r.receiver() + "'");
      }
    }
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
