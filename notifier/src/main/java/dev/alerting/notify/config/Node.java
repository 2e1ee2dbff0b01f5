package dev.alerting.notify.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.model.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A YAML mapping with the key path that led to it, so every error names where it is. Unknown keys
 * are reported as warnings, not errors: users bring configs written for other Alertmanager versions
 * (and with typos Alertmanager itself would reject), and we would rather start and say so.
 */
final class Node {
  private final JsonNode json;
  private final String path;

  Node(JsonNode json, String path) {
    this.json = json;
    this.path = path;
  }

  static Node root(JsonNode json) {
    if (json == null || json.isNull() || json.isMissingNode()) {
      throw new ConfigError("", "the configuration is empty");
    }
    if (!json.isObject()) {
      throw new ConfigError("", "the configuration must be a YAML mapping");
    }
    return new Node(json, "");
  }

  String path() {
    return path;
  }

  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  ConfigError error(String key, String reason) {
    return new ConfigError(pathOf(key), reason);
  }

  boolean has(String key) {
    JsonNode v = json.get(key);
    return v != null && !v.isNull();
  }

  Optional<String> string(String key) {
    JsonNode v = json.get(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isValueNode()) {
      throw error(key, "must be a single value");
    }
    return Optional.of(v.asText());
  }

  String required(String key) {
    return string(key).filter(s -> !s.isBlank()).orElseThrow(() -> error(key, "is required"));
  }

  boolean bool(String key, boolean def) {
    JsonNode v = json.get(key);
    if (v == null || v.isNull()) {
      return def;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    return switch (v.asText()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error(key, "'" + v.asText() + "' is not true or false");
    };
  }

  int integer(String key, int def) {
    JsonNode v = json.get(key);
    if (v == null || v.isNull()) {
      return def;
    }
    if (!v.canConvertToInt() && !v.asText().matches("-?\\d+")) {
      throw error(key, "'" + v.asText() + "' is not an integer");
    }
    return v.isNumber() ? v.asInt() : Integer.parseInt(v.asText());
  }

  Optional<Duration> duration(String key) {
    return string(key).map(s -> parse(key, () -> Durations.parse(s)));
  }

  /**
   * Runs a record constructor or parser, turning its IllegalArgumentException into a path error.
   */
  <T> T parse(String key, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  <T> T build(Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ConfigError(path, e.getMessage());
    }
  }

  Optional<Node> object(String key) {
    JsonNode v = json.get(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isObject()) {
      throw error(key, "must be a mapping");
    }
    return Optional.of(new Node(v, pathOf(key)));
  }

  /** A list of mappings, each with its indexed path ({@code routes[2]}). */
  List<Node> objects(String key) {
    JsonNode v = json.get(key);
    List<Node> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw error(key, "must be a list");
    }
    for (int i = 0; i < v.size(); i++) {
      String p = pathOf(key) + "[" + i + "]";
      if (!v.get(i).isObject()) {
        throw new ConfigError(p, "must be a mapping");
      }
      out.add(new Node(v.get(i), p));
    }
    return out;
  }

  List<String> strings(String key) {
    JsonNode v = json.get(key);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw error(key, "must be a list of strings");
    }
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isValueNode()) {
        throw new ConfigError(pathOf(key) + "[" + i + "]", "must be a string");
      }
      out.add(v.get(i).asText());
    }
    return out;
  }

  Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    object(key)
        .ifPresent(
            n -> {
              for (Iterator<Map.Entry<String, JsonNode>> it = n.json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode()) {
                  throw n.error(e.getKey(), "must be a string");
                }
                out.put(e.getKey(), e.getValue().asText());
              }
            });
    return out;
  }

  /** The suffix of an unknown-key warning (strict mode turns these into errors). */
  static final String UNKNOWN_KEY = ": unknown key, ignored";

  /** Adds a warning for each key outside {@code known}. */
  void warnUnknown(Set<String> known, List<String> warnings) {
    json.fieldNames()
        .forEachRemaining(
            k -> {
              if (!known.contains(k)) {
                warnings.add(pathOf(k) + UNKNOWN_KEY);
              }
            });
  }
}
