package dev.alerting.rule.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.model.Durations;
import dev.alerting.model.Labels;
import dev.alerting.platform.codec.Json;
import dev.alerting.rule.expr.Expression;
import dev.alerting.rule.expr.ExpressionException;
import dev.alerting.rule.expr.ExpressionParser;
import dev.alerting.rule.group.AlertingRule;
import dev.alerting.rule.group.RecordingRule;
import dev.alerting.rule.group.Rule;
import dev.alerting.rule.group.RuleGroup;
import dev.alerting.rule.template.Template;
import dev.alerting.rule.template.TemplateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads Prometheus rule files ({@code groups[].name/interval/rules[]}) and validates everything at
 * load: a file is accepted whole or rejected with every problem listed, as Prometheus does.
 */
public final class RuleFileLoader {
  private static final Set<String> FILE_KEYS = Set.of("groups");
  private static final Set<String> GROUP_KEYS =
      Set.of("name", "interval", "rules", "labels", "limit");
  private static final Set<String> RULE_KEYS =
      Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations");

  private final ExpressionParser parser;

  public RuleFileLoader(ExpressionParser parser) {
    this.parser = parser;
  }

  /** A single file, or every {@code *.yml}/{@code *.yaml} directly in a folder (sorted by name). */
  public List<RuleGroup> load(Path fileOrFolder) {
    if (!Files.isDirectory(fileOrFolder)) {
      return loadFile(fileOrFolder);
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(fileOrFolder)) {
      files =
          s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new RuleFileException(
          List.of(fileOrFolder + ": cannot list folder: " + e.getMessage()));
    }
    List<RuleGroup> groups = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Path f : files) {
      try {
        groups.addAll(loadFile(f));
      } catch (RuleFileException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new RuleFileException(errors);
    }
    return groups;
  }

  public List<RuleGroup> loadFile(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new RuleFileException(List.of(file + ": cannot read: " + e.getMessage()));
    }
  }

  /** Parses rule-file YAML; {@code fileName} prefixes error messages and is kept on each group. */
  public List<RuleGroup> parse(String yaml, String fileName) {
    JsonNode root;
    try {
      root = Json.YAML.readTree(yaml);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new RuleFileException(
          List.of(
              fileName
                  + ": not valid YAML: "
                  + e.getOriginalMessage()
                  + (e.getLocation() == null
                      ? ""
                      : " (line " + e.getLocation().getLineNr() + ")")));
    }
    List<String> errors = new ArrayList<>();
    List<RuleGroup> groups = new ArrayList<>();
    if (root == null || root.isNull() || root.isMissingNode()) {
      return groups;
    }
    if (!root.isObject()) {
      throw new RuleFileException(List.of(fileName + ": expected a map with 'groups'"));
    }
    unknownKeys(root, FILE_KEYS, fileName, errors);
    JsonNode list = root.path("groups");
    if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
      errors.add(fileName + ": 'groups' must be a list");
    }
    Set<String> names = new HashSet<>();
    int index = 0;
    for (JsonNode g : list.isArray() ? list : Json.YAML.createArrayNode()) {
      index++;
      String name = g.path("name").asText("");
      String where = fileName + ": group " + index + (name.isEmpty() ? "" : " '" + name + "'");
      if (!g.isObject()) {
        errors.add(where + ": expected a map");
        continue;
      }
      if (!name.isEmpty() && !names.add(name)) {
        errors.add(where + ": duplicate group name '" + name + "'");
      }
      RuleGroup group = group(g, where, fileName, errors);
      if (group != null) {
        groups.add(group);
      }
    }
    if (!errors.isEmpty()) {
      throw new RuleFileException(errors);
    }
    return groups;
  }

  private RuleGroup group(JsonNode g, String where, String fileName, List<String> errors) {
    int before = errors.size();
    unknownKeys(g, GROUP_KEYS, where, errors);
    String name = g.path("name").asText("");
    if (name.isBlank()) {
      errors.add(where + ": group name must not be empty");
    }
    Duration interval = duration(g.get("interval"), where + ": interval", errors);
    if (interval != null && interval.isZero()) {
      errors.add(where + ": interval must be positive");
    }
    int limit = limit(g.get("limit"), where + ": limit", errors);
    Map<String, String> groupLabels = stringMap(g.get("labels"), where + ": labels", errors);
    JsonNode rules = g.path("rules");
    if (!rules.isMissingNode() && !rules.isNull() && !rules.isArray()) {
      errors.add(where + ": 'rules' must be a list");
    }
    List<Rule> out = new ArrayList<>();
    int index = 0;
    for (JsonNode r : rules.isArray() ? rules : Json.YAML.createArrayNode()) {
      index++;
      Rule rule = rule(r, where + ": rule " + index + describe(r), groupLabels, errors);
      if (rule != null) {
        out.add(rule);
      }
    }
    if (errors.size() > before) {
      return null;
    }
    return new RuleGroup(name, fileName, interval, out, limit);
  }

  private static String describe(JsonNode r) {
    if (r.hasNonNull("alert")) {
      return " (alert '" + r.get("alert").asText() + "')";
    }
    if (r.hasNonNull("record")) {
      return " (record '" + r.get("record").asText() + "')";
    }
    return "";
  }

  private Rule rule(
      JsonNode r, String where, Map<String, String> groupLabels, List<String> errors) {
    if (!r.isObject()) {
      errors.add(where + ": expected a map");
      return null;
    }
    int before = errors.size();
    unknownKeys(r, RULE_KEYS, where, errors);
    boolean isAlert = r.hasNonNull("alert");
    boolean isRecord = r.hasNonNull("record");
    if (isAlert == isRecord) {
      errors.add(
          where
              + (isAlert
                  ? ": only one of 'record' and 'alert' may be set"
                  : ": one of 'record' or 'alert' must be set"));
      return null;
    }
    Expression expr = expression(r.get("expr"), where, errors);
    Map<String, String> labels = new TreeMap<>(groupLabels);
    labels.putAll(stringMap(r.get("labels"), where + ": labels", errors));
    for (String l : labels.keySet()) {
      if (!Labels.isValidLabelName(l) || l.equals(Labels.METRIC_NAME)) {
        errors.add(where + ": invalid label name '" + l + "'");
      }
    }
    if (isRecord) {
      String record = r.get("record").asText();
      if (!Labels.isValidMetricName(record)) {
        errors.add(where + ": invalid recording rule name '" + record + "' (not a metric name)");
      }
      for (String k : List.of("for", "keep_firing_for", "annotations")) {
        if (r.has(k)) {
          errors.add(where + ": '" + k + "' is only allowed in alerting rules");
        }
      }
      return errors.size() > before ? null : new RecordingRule(record, expr, new TreeMap<>(labels));
    }
    String alert = r.get("alert").asText();
    if (alert.isBlank()) {
      errors.add(where + ": alert name must not be empty");
    }
    Duration hold = duration(r.get("for"), where + ": for", errors);
    Duration keep = duration(r.get("keep_firing_for"), where + ": keep_firing_for", errors);
    Map<String, Template> labelTemplates = templates(labels, alert, where + ": labels", errors);
    Map<String, String> annotations =
        stringMap(r.get("annotations"), where + ": annotations", errors);
    for (String a : annotations.keySet()) {
      if (!Labels.isValidLabelName(a)) {
        errors.add(where + ": invalid annotation name '" + a + "'");
      }
    }
    Map<String, Template> annotationTemplates =
        templates(annotations, alert, where + ": annotations", errors);
    if (errors.size() > before) {
      return null;
    }
    return new AlertingRule(
        alert, expr, hold, keep, new TreeMap<>(labelTemplates), new TreeMap<>(annotationTemplates));
  }

  private Expression expression(JsonNode n, String where, List<String> errors) {
    if (n == null || n.isNull() || n.asText("").isBlank()) {
      errors.add(where + ": field 'expr' must be set");
      return null;
    }
    if (!n.isValueNode()) {
      errors.add(where + ": 'expr' must be a string");
      return null;
    }
    try {
      return parser.parse(n.asText());
    } catch (ExpressionException e) {
      errors.add(where + ": expr: " + e.getMessage());
      return null;
    }
  }

  private static Map<String, Template> templates(
      Map<String, String> values, String alert, String where, List<String> errors) {
    Map<String, Template> out = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          try {
            out.put(k, Template.parse(v, alert));
          } catch (TemplateException e) {
            errors.add(where + "." + k + ": " + e.getMessage());
          }
        });
    return out;
  }

  /** Prometheus's group {@code limit}: a non-negative integer, 0 (the default) for no limit. */
  private static int limit(JsonNode n, String where, List<String> errors) {
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0) {
      errors.add(
          where + ": expected a non-negative integer (0 for no limit), not '" + n.asText() + "'");
      return 0;
    }
    return n.intValue();
  }

  private static Duration duration(JsonNode n, String where, List<String> errors) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      errors.add(where + ": expected a duration such as 5m");
      return null;
    }
    try {
      return Durations.parse(n.asText());
    } catch (IllegalArgumentException | ArithmeticException e) {
      errors.add(where + ": " + e.getMessage());
      return null;
    }
  }

  private static Map<String, String> stringMap(JsonNode n, String where, List<String> errors) {
    Map<String, String> out = new TreeMap<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isObject()) {
      errors.add(where + ": expected a map of names to strings");
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode()) {
        errors.add(where + "." + e.getKey() + ": expected a string");
      } else {
        out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
      }
    }
    return out;
  }

  private static void unknownKeys(
      JsonNode n, Set<String> known, String where, List<String> errors) {
    n.fieldNames()
        .forEachRemaining(
            k -> {
              if (!known.contains(k)) {
                errors.add(
                    where
                        + ": unknown field '"
                        + k
                        + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(known))
                        + ")");
              }
            });
  }
}
