package dev.alerting.model;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Objects;

/**
 * A label matcher as in PromQL selectors and Alertmanager routes: {@code name op "value"}. A regex
 * matcher is fully anchored, as in Prometheus; a missing label matches as the empty string. Regexes
 * use RE2 (Go's syntax, as Prometheus and Alertmanager do) and match in time linear in the label
 * value, so no pattern and value a sender chooses can make matching backtrack for ever.
 */
public record Matcher(String name, Type type, String value, Pattern pattern) {

  /** The four matcher operators. */
  public enum Type {
    EQ("="),
    NEQ("!="),
    RE("=~"),
    NRE("!~");

    private final String symbol;

    Type(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public static Type fromSymbol(String s) {
      for (Type t : values()) {
        if (t.symbol.equals(s)) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown matcher operator '" + s + "'");
    }
  }

  public Matcher {
    Objects.requireNonNull(name, "matcher name");
    Objects.requireNonNull(type, "matcher type");
    Objects.requireNonNull(value, "matcher value");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("matcher label name is empty");
    }
    if (type == Type.RE || type == Type.NRE) {
      if (pattern == null) {
        pattern = compile(name, value);
      }
    } else {
      pattern = null;
    }
  }

  public static Matcher of(String name, Type type, String value) {
    return new Matcher(name, type, value, null);
  }

  public static Matcher eq(String name, String value) {
    return of(name, Type.EQ, value);
  }

  private static Pattern compile(String name, String value) {
    try {
      return Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid regex for label " + name + ": " + e.getDescription(), e);
    }
  }

  public boolean matches(String labelValue) {
    String v = labelValue == null ? "" : labelValue;
    return switch (type) {
      case EQ -> v.equals(value);
      case NEQ -> !v.equals(value);
      case RE -> pattern.matcher(v).matches();
      case NRE -> !pattern.matcher(v).matches();
    };
  }

  public boolean matches(Labels labels) {
    return matches(labels.get(name));
  }

  @Override
  public String toString() {
    return name + type.symbol + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matcher m && m.name.equals(name) && m.type == type && m.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, value);
  }
}
