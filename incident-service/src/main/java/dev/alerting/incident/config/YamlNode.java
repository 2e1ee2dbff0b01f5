package dev.alerting.incident.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node with its file, line and key path, so every error says where it is ({@code
 * oncall.yml:14: schedules[0].timezone: ...}). Built on SnakeYAML's node graph, which keeps
 * positions that Jackson's tree drops.
 */
final class YamlNode {
  private final String source;
  private final Node node;
  private final String path;

  YamlNode(String source, Node node, String path) {
    this.source = source;
    this.node = node;
    this.path = path;
  }

  int line() {
    return node.getStartMark().getLine() + 1;
  }

  String path() {
    return path;
  }

  OnCallConfigError error(String reason) {
    return new OnCallConfigError(
        source + ":" + line() + ": " + (path.isEmpty() ? "" : path + ": ") + reason);
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  private Map<String, YamlNode> entries() {
    if (!(node instanceof MappingNode m)) {
      throw error("must be a mapping");
    }
    Map<String, YamlNode> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw error("keys must be plain strings");
      }
      String key = k.getValue();
      if (out.containsKey(key)) {
        throw new YamlNode(source, t.getKeyNode(), child(key)).error("duplicate key");
      }
      out.put(key, new YamlNode(source, t.getValueNode(), child(key)));
    }
    return out;
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Fails on keys outside {@code known}: a typo in an on-call file must not page nobody. */
  void onlyKeys(Set<String> known) {
    for (Map.Entry<String, YamlNode> e : entries().entrySet()) {
      if (!known.contains(e.getKey())) {
        throw e.getValue().error("unknown key (expected one of " + known + ")");
      }
    }
  }

  Optional<YamlNode> get(String key) {
    YamlNode v = entries().get(key);
    if (v == null || (v.node instanceof ScalarNode s && isNull(s))) {
      return Optional.empty();
    }
    return Optional.of(v);
  }

  YamlNode required(String key) {
    return get(key).orElseThrow(() -> error("'" + key + "' is required"));
  }

  String text() {
    if (!(node instanceof ScalarNode s)) {
      throw error("must be a single value");
    }
    return s.getValue();
  }

  Optional<String> string(String key) {
    return get(key).map(YamlNode::text);
  }

  String requiredString(String key) {
    YamlNode v = required(key);
    String s = v.text();
    if (s.isBlank()) {
      throw v.error("must not be empty");
    }
    return s;
  }

  List<YamlNode> list() {
    if (!(node instanceof SequenceNode seq)) {
      throw error("must be a list");
    }
    List<YamlNode> out = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      out.add(new YamlNode(source, seq.getValue().get(i), path + "[" + i + "]"));
    }
    return out;
  }

  List<YamlNode> list(String key) {
    return get(key).map(YamlNode::list).orElse(List.of());
  }

  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    for (YamlNode n : list(key)) {
      out.add(n.text());
    }
    return out;
  }

  /** Runs a constructor or parser; its IllegalArgumentException becomes an error at this node. */
  <T> T parse(Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw error(e.getMessage());
    }
  }

  private static boolean isNull(ScalarNode s) {
    return s.getTag().getValue().endsWith(":null");
  }
}
