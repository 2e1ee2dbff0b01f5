package dev.alerting.rule.api;

import dev.alerting.platform.http.Problem;
import dev.alerting.rule.file.RuleFileException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rejected rule file as a 400 problem: one entry per error with the group and rule it concerns
 * and, for broken YAML, the line, split out of the loader's messages so clients need not parse
 * them.
 */
final class RuleFileProblem {
  // "<file>: group 2 'name': rule 3 (alert 'X'): reason", every part after the file optional.
  private static final Pattern WHERE =
      Pattern.compile(
          "^[^:]*: (?:group (\\d+)(?: '([^']*)')?: )?(?:rule (\\d+)(?: \\((?:alert|record) '([^']*)'\\))?: )?(.*)$",
          Pattern.DOTALL);
  private static final Pattern LINE = Pattern.compile("\\(line (\\d+)\\)$");

  private RuleFileProblem() {}

  static Problem of(RuleFileException e) {
    List<JsonObject> errors = new ArrayList<>();
    for (String message : e.errors()) {
      errors.add(entry(message));
    }
    return new Problem(
        400,
        "Invalid rule file",
        errors.size() + " problem(s); the current rules stay active",
        errors);
  }

  static JsonObject entry(String message) {
    JsonObject o = new JsonObject();
    Matcher m = WHERE.matcher(message);
    if (!m.matches()) {
      return o.put("reason", message);
    }
    if (m.group(1) != null) {
      o.put("groupIndex", Integer.parseInt(m.group(1)));
    }
    if (m.group(2) != null) {
      o.put("group", m.group(2));
    }
    if (m.group(3) != null) {
      o.put("ruleIndex", Integer.parseInt(m.group(3)));
    }
    if (m.group(4) != null) {
      o.put("rule", m.group(4));
    }
    String reason = m.group(5);
    Matcher line = LINE.matcher(reason);
    if (line.find()) {
      o.put("line", Integer.parseInt(line.group(1)));
    }
    return o.put("reason", reason);
  }
}
