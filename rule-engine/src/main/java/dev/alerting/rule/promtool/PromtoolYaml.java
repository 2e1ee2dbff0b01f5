package dev.alerting.rule.promtool;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.platform.codec.Json;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads a promtool test file into a tree. Jackson's YAML reader takes {@code .nan}, {@code .inf},
 * {@code +.inf} and {@code -.inf} for numbers but then fails to parse them, so floats are read from
 * their text here: the special ones become NaN and infinities (promtool's users write expected
 * values that way), the rest as usual.
 */
final class PromtoolYaml {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PromtoolYaml() {}

  static JsonNode read(String text) throws IOException {
    try (JsonParser p = Json.YAML.createParser(text)) {
      return p.nextToken() == null ? null : node(p);
    }
  }

  private static JsonNode node(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      ObjectNode o = NODES.objectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (o.has(name)) {
          throw new IOException("duplicate key '" + name + "' at " + p.currentLocation());
        }
        o.set(name, node(p));
      }
      return o;
    }
    if (t == JsonToken.START_ARRAY) {
      ArrayNode a = NODES.arrayNode();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        a.add(node(p));
      }
      return a;
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      return NODES.numberNode(floatValue(p));
    }
    if (t == JsonToken.VALUE_NULL) {
      return NODES.nullNode();
    }
    if (t == JsonToken.VALUE_STRING) {
      return NODES.textNode(p.getText());
    }
    return Json.YAML.readTree(p);
  }

  private static double floatValue(JsonParser p) throws IOException {
    String s = p.getText().trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case ".nan" -> Double.NaN;
      case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
      case "-.inf" -> Double.NEGATIVE_INFINITY;
      default -> p.getDoubleValue();
    };
  }
}
