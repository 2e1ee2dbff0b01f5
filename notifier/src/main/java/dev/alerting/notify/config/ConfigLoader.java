package dev.alerting.notify.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.notify.inhibit.InhibitRule;
import dev.alerting.notify.receiver.Receiver;
import dev.alerting.notify.route.Route;
import dev.alerting.notify.route.RouteTimes;
import dev.alerting.notify.timeinterval.TimeInterval;
import dev.alerting.platform.codec.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads an Alertmanager configuration file; every error names the key path at fault. */
public final class ConfigLoader {
  private static final Set<String> TOP_LEVEL =
      Set.of(
          "global",
          "route",
          "receivers",
          "inhibit_rules",
          "templates",
          "time_intervals",
          "mute_time_intervals");
  private static final Set<String> INHIBIT =
      Set.of(
          "source_match",
          "source_match_re",
          "source_matchers",
          "target_match",
          "target_match_re",
          "target_matchers",
          "equal");

  private ConfigLoader() {}

  public static AlertmanagerConfig load(Path file) {
    return load(file, false);
  }

  /** With {@code strict}, unknown fields are errors, as Alertmanager's strict YAML reading. */
  public static AlertmanagerConfig load(Path file, boolean strict) {
    try {
      return parse(Files.readString(file), strict);
    } catch (IOException e) {
      throw new ConfigError("", "cannot read " + file + ": " + e.getMessage());
    }
  }

  public static AlertmanagerConfig parse(String yaml) {
    return parse(yaml, false);
  }

  /**
   * Parses a configuration; with {@code strict}, fields Alertmanager does not know are errors (all
   * of them named at once) instead of warnings.
   */
  public static AlertmanagerConfig parse(String yaml, boolean strict) {
    AlertmanagerConfig c = parseLenient(yaml);
    if (strict) {
      List<String> unknown =
          c.warnings().stream()
              .filter(w -> w.endsWith(Node.UNKNOWN_KEY))
              .map(w -> w.substring(0, w.length() - Node.UNKNOWN_KEY.length()))
              .toList();
      if (!unknown.isEmpty()) {
        throw new ConfigError(
            unknown.get(0),
            "unknown field"
                + (unknown.size() > 1 ? "s " + String.join(", ", unknown) : "")
                + " (rejected because NOTIFIER_CONFIG_STRICT=true)");
      }
    }
    return c;
  }

  private static AlertmanagerConfig parseLenient(String yaml) {
    JsonNode json;
    try {
      json = Json.YAML.readTree(yaml);
    } catch (JacksonException e) {
      throw new ConfigError("", "not valid YAML: " + e.getOriginalMessage());
    }
    Node root = Node.root(json);
    List<String> warnings = new ArrayList<>();
    root.warnUnknown(TOP_LEVEL, warnings);
    Map<String, List<TimeInterval>> intervals = TimeIntervalParser.parse(root, warnings);
    GlobalConfig global = GlobalParser.parse(root, warnings);
    Map<String, Receiver> receivers = receivers(root, global, warnings);
    Node routeNode = root.object("route").orElseThrow(() -> root.error("route", "is required"));
    Map<String, RouteTimes> routeTimes = new LinkedHashMap<>();
    Route route =
        new RouteParser(receivers.keySet(), intervals.keySet(), routeTimes, warnings)
            .root(routeNode);
    List<InhibitRule> inhibit = new ArrayList<>();
    for (Node n : root.objects("inhibit_rules")) {
      inhibit.add(inhibitRule(n, warnings));
    }
    return root.build(
        () ->
            new AlertmanagerConfig(
                global, route, receivers, inhibit, warnings, intervals, routeTimes));
  }

  private static Map<String, Receiver> receivers(
      Node root, GlobalConfig global, List<String> warnings) {
    Map<String, Receiver> out = new LinkedHashMap<>();
    ReceiverParser parser = new ReceiverParser(global, warnings);
    for (Node n : root.objects("receivers")) {
      Receiver r = parser.receiver(n);
      if (out.putIfAbsent(r.name(), r) != null) {
        throw n.error("name", "receiver '" + r.name() + "' is defined more than once");
      }
    }
    return out;
  }

  private static InhibitRule inhibitRule(Node n, List<String> warnings) {
    n.warnUnknown(INHIBIT, warnings);
    return n.build(
        () ->
            new InhibitRule(
                Matchers.collect(n, "source_match", "source_match_re", "source_matchers"),
                Matchers.collect(n, "target_match", "target_match_re", "target_matchers"),
                n.strings("equal")));
  }
}
