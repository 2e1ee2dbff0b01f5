package dev.alerting.notify.config;

import dev.alerting.model.Matcher;
import dev.alerting.model.MatcherParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three ways a config lists matchers: {@code match} (equality), {@code match_re}, {@code
 * matchers}.
 */
final class Matchers {
  private Matchers() {}

  static List<Matcher> collect(Node n, String matchKey, String matchReKey, String matchersKey) {
    List<Matcher> out = new ArrayList<>();
    for (Map.Entry<String, String> e : n.stringMap(matchKey).entrySet()) {
      out.add(
          n.parse(
              matchKey + "." + e.getKey(), () -> Matcher.eq(validName(e.getKey()), e.getValue())));
    }
    for (Map.Entry<String, String> e : n.stringMap(matchReKey).entrySet()) {
      out.add(
          n.parse(
              matchReKey + "." + e.getKey(),
              () -> Matcher.of(validName(e.getKey()), Matcher.Type.RE, e.getValue())));
    }
    List<String> lines = n.strings(matchersKey);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      out.addAll(n.parse(matchersKey + "[" + i + "]", () -> MatcherParser.parse(line)));
    }
    return out;
  }

  private static String validName(String name) {
    if (!dev.alerting.model.Labels.isValidLabelName(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a valid label name");
    }
    return name;
  }
}
