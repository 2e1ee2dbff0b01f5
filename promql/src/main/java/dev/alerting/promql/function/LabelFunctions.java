package dev.alerting.promql.function;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.alerting.model.Labels;
import dev.alerting.promql.engine.EvaluationException;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * label_replace and label_join; both keep the metric name. Replacement templates follow Go's {@code
 * Regexp.Expand}.
 */
final class LabelFunctions {
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final java.util.regex.Pattern GO_NAMED_GROUP =
      java.util.regex.Pattern.compile("\\(\\?P?<([A-Za-z0-9_]+)>");

  private LabelFunctions() {}

  static Value replace(List<Value> args, long t) {
    List<InstantSample> in = Functions.vector(args, 0);
    String dst = Functions.string(args, 1);
    String template = Functions.string(args, 2);
    String src = Functions.string(args, 3);
    String regex = Functions.string(args, 4);
    checkDestination("label_replace", dst);
    Map<String, String> groupNames = new HashMap<>();
    Pattern p = compile(regex, groupNames);
    List<InstantSample> out = new ArrayList<>(in.size());
    for (InstantSample s : in) {
      Matcher m = p.matcher(s.labels().getOrEmpty(src));
      if (m.find()) {
        String value = expand(template, m, groupNames);
        out.add(relabelled(s, dst, value, t));
      } else {
        out.add(s.with(s.value(), t));
      }
    }
    return new Value.Vector(out);
  }

  static Value join(List<Value> args, long t) {
    List<InstantSample> in = Functions.vector(args, 0);
    String dst = Functions.string(args, 1);
    String separator = Functions.string(args, 2);
    checkDestination("label_join", dst);
    List<InstantSample> out = new ArrayList<>(in.size());
    for (InstantSample s : in) {
      List<String> parts = new ArrayList<>();
      for (int i = 3; i < args.size(); i++) {
        parts.add(s.labels().getOrEmpty(Functions.string(args, i)));
      }
      out.add(relabelled(s, dst, String.join(separator, parts), t));
    }
    return new Value.Vector(out);
  }

  /** Writing {@code __name__} keeps the name: it is no longer the one a function removed. */
  private static InstantSample relabelled(InstantSample s, String dst, String value, long t) {
    boolean dropName = s.dropName() && !dst.equals(Labels.METRIC_NAME);
    return new InstantSample(s.labels().with(dst, value), s.value(), t, dropName, s.histogram());
  }

  private static void checkDestination(String fn, String dst) {
    if (!LABEL_NAME.matcher(dst).matches()) {
      throw new EvaluationException("invalid destination label name in " + fn + "(): " + dst);
    }
  }

  /**
   * Compiled with RE2 (linear-time, Go's syntax). Named groups are renamed to plain ones and the
   * mapping remembered, so {@code (?<name>)} and {@code (?P<name>)} both work whatever RE2 accepts.
   */
  private static Pattern compile(String regex, Map<String, String> groupNames) {
    java.util.regex.Matcher m = GO_NAMED_GROUP.matcher(regex);
    StringBuilder sb = new StringBuilder();
    int n = 0;
    while (m.find()) {
      String renamed = "g" + n++ + "x";
      groupNames.put(m.group(1), renamed);
      m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement("(?P<" + renamed + ">"));
    }
    m.appendTail(sb);
    try {
      return Pattern.compile("^(?s:" + sb + ")$");
    } catch (PatternSyntaxException e) {
      throw new EvaluationException("invalid regular expression in label_replace(): " + regex);
    }
  }

  /** Go's template expansion: $1, ${1}, $name, ${name}, $$; unknown groups expand to "". */
  static String expand(String template, Matcher m, Map<String, String> groupNames) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      if (i < template.length() && template.charAt(i) == '$') {
        out.append('$');
        i++;
        continue;
      }
      boolean brace = i < template.length() && template.charAt(i) == '{';
      int start = brace ? i + 1 : i;
      int end = start;
      while (end < template.length()
          && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
        end++;
      }
      if (end == start || (brace && (end >= template.length() || template.charAt(end) != '}'))) {
        out.append('$');
        continue;
      }
      String name = template.substring(start, end);
      i = brace ? end + 1 : end;
      out.append(group(m, name, groupNames));
    }
    return out.toString();
  }

  private static String group(Matcher m, String name, Map<String, String> groupNames) {
    int num = -1;
    if (name.chars().allMatch(Character::isDigit)
        && name.length() < 9
        && !(name.length() > 1 && name.charAt(0) == '0')) {
      num = Integer.parseInt(name);
    }
    String v = null;
    if (num >= 0) {
      if (num <= m.groupCount()) {
        v = m.group(num);
      }
    } else if (groupNames.containsKey(name)) {
      v = m.group(groupNames.get(name));
    }
    return v == null ? "" : v;
  }
}
