package dev.alerting.incident.config;

import dev.alerting.incident.escalation.EscalationPolicy;
import dev.alerting.incident.escalation.Step;
import dev.alerting.incident.escalation.Target;
import dev.alerting.incident.oncall.Restriction;
import dev.alerting.incident.oncall.Rotation;
import dev.alerting.incident.oncall.Schedule;
import dev.alerting.model.Durations;
import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.model.MatcherParser;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the on-call YAML; every error names the file, the line and the key path. */
public final class OnCallConfigParser {
  private static final Set<String> TOP =
      Set.of("users", "schedules", "escalation_policies", "incidents");
  private static final Set<String> USER = Set.of("name", "receiver");
  private static final Set<String> SCHEDULE = Set.of("name", "timezone", "rotations");
  private static final Set<String> ROTATION =
      Set.of("users", "start", "shift", "end", "restrictions");
  private static final Set<String> POLICY =
      Set.of("name", "matchers", "steps", "repeat", "repeat_interval", "group_by");
  private static final Set<String> STEP = Set.of("after", "notify");
  private static final Set<String> INCIDENTS = Set.of("group_by", "reopen_window");
  private static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofMinutes(30);

  private OnCallConfigParser() {}

  public static OnCallConfig load(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new OnCallConfigError(file + ": cannot read: " + e.getMessage());
    }
  }

  public static OnCallConfig parse(String text, String source) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      throw new OnCallConfigError(
          source + ":" + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
    } catch (RuntimeException e) {
      throw new OnCallConfigError(source + ": not YAML: " + e.getMessage());
    }
    if (root == null) {
      return OnCallConfig.empty();
    }
    YamlNode top = new YamlNode(source, root, "");
    top.onlyKeys(TOP);
    Map<String, OnCallUser> users = users(top);
    Map<String, Schedule> schedules = schedules(top, users);
    List<EscalationPolicy> policies = policies(top, users, schedules);
    Grouping grouping =
        top.get("incidents").map(OnCallConfigParser::grouping).orElse(Grouping.DEFAULT);
    return top.parse(() -> new OnCallConfig(users, schedules, policies, grouping));
  }

  private static Map<String, OnCallUser> users(YamlNode top) {
    Map<String, OnCallUser> out = new LinkedHashMap<>();
    for (YamlNode u : top.list("users")) {
      u.onlyKeys(USER);
      OnCallUser user =
          u.parse(() -> new OnCallUser(u.requiredString("name"), u.requiredString("receiver")));
      if (out.put(user.name(), user) != null) {
        throw u.error("user '" + user.name() + "' is defined twice");
      }
    }
    return out;
  }

  private static Map<String, Schedule> schedules(YamlNode top, Map<String, OnCallUser> users) {
    Map<String, Schedule> out = new LinkedHashMap<>();
    for (YamlNode s : top.list("schedules")) {
      s.onlyKeys(SCHEDULE);
      String name = s.requiredString("name");
      ZoneId zone =
          s.get("timezone").map(z -> z.parse(() -> ZoneId.of(z.text()))).orElse(ZoneId.of("UTC"));
      List<Rotation> rotations = new ArrayList<>();
      for (YamlNode r : s.required("rotations").list()) {
        rotations.add(rotation(r, users));
      }
      Schedule schedule = s.parse(() -> new Schedule(name, zone, rotations, List.of()));
      if (out.put(name, schedule) != null) {
        throw s.error("schedule '" + name + "' is defined twice");
      }
    }
    return out;
  }

  private static Rotation rotation(YamlNode r, Map<String, OnCallUser> users) {
    r.onlyKeys(ROTATION);
    List<String> names = r.strings("users");
    for (YamlNode u : r.list("users")) {
      if (!users.containsKey(u.text())) {
        throw u.error("unknown user '" + u.text() + "' (not in users)");
      }
    }
    YamlNode start = r.required("start");
    LocalDateTime at = start.parse(() -> LocalDateTime.parse(start.text()));
    YamlNode shift = r.required("shift");
    Duration length = shift.parse(() -> Durations.parse(shift.text()));
    LocalDateTime until =
        r.get("end").map(e -> e.parse(() -> LocalDateTime.parse(e.text()))).orElse(null);
    List<Restriction> restrictions = RestrictionParser.restrictions(r);
    return r.parse(() -> new Rotation(names, at, length, until, restrictions));
  }

  private static List<EscalationPolicy> policies(
      YamlNode top, Map<String, OnCallUser> users, Map<String, Schedule> schedules) {
    List<EscalationPolicy> out = new ArrayList<>();
    for (YamlNode p : top.list("escalation_policies")) {
      p.onlyKeys(POLICY);
      String name = p.requiredString("name");
      if (out.stream().anyMatch(x -> x.name().equals(name))) {
        throw p.error("policy '" + name + "' is defined twice");
      }
      List<Matcher> matchers = new ArrayList<>();
      for (YamlNode m : p.list("matchers")) {
        matchers.addAll(m.parse(() -> MatcherParser.parse(m.text())));
      }
      List<Step> steps = new ArrayList<>();
      for (YamlNode s : p.required("steps").list()) {
        steps.add(step(s, users, schedules));
      }
      int repeat = p.get("repeat").map(r -> r.parse(() -> Integer.parseInt(r.text()))).orElse(0);
      Duration interval =
          p.get("repeat_interval")
              .map(r -> r.parse(() -> Durations.parse(r.text())))
              .orElse(DEFAULT_REPEAT_INTERVAL);
      List<String> groupBy = labelNames(p);
      out.add(
          p.parse(() -> new EscalationPolicy(name, matchers, steps, repeat, interval, groupBy)));
    }
    return out;
  }

  private static Step step(
      YamlNode s, Map<String, OnCallUser> users, Map<String, Schedule> schedules) {
    s.onlyKeys(STEP);
    YamlNode after = s.required("after");
    Duration delay = after.parse(() -> Durations.parse(after.text()));
    List<Target> targets = new ArrayList<>();
    for (YamlNode t : s.required("notify").list()) {
      Target target = t.parse(() -> Target.parse(t.text()));
      if (target.kind() == Target.Kind.USER && !users.containsKey(target.name())) {
        throw t.error("unknown user '" + target.name() + "'");
      }
      if (target.kind() == Target.Kind.SCHEDULE && !schedules.containsKey(target.name())) {
        throw t.error("unknown schedule '" + target.name() + "'");
      }
      targets.add(target);
    }
    return s.parse(() -> new Step(delay, targets));
  }

  private static Grouping grouping(YamlNode n) {
    n.onlyKeys(INCIDENTS);
    List<String> groupBy =
        n.get("group_by").isPresent() ? labelNames(n) : Grouping.DEFAULT.groupBy();
    Duration window =
        n.get("reopen_window")
            .map(w -> w.parse(() -> Durations.parse(w.text())))
            .orElse(Grouping.DEFAULT.reopenWindow());
    return n.parse(() -> new Grouping(groupBy, window));
  }

  private static List<String> labelNames(YamlNode n) {
    for (YamlNode l : n.list("group_by")) {
      if (!Labels.isValidLabelName(l.text())) {
        throw l.error("'" + l.text() + "' is not a valid label name");
      }
    }
    return n.strings("group_by");
  }
}
