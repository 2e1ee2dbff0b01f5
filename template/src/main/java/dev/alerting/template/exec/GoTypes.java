package dev.alerting.template.exec;

import dev.alerting.template.GoMap;
import dev.alerting.template.GoType;
import dev.alerting.template.TemplateFunction;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How Java values stand for Go's: {@code String}=string, {@code Long}/{@code Integer}=int, {@code
 * Double}=float64, {@code Boolean}=bool, {@code List}=slice, {@code Map}/{@link GoMap}=map,
 * records=structs, {@code null}=nil. Also Go's notion of truth.
 */
public final class GoTypes {
  /** The {@link GoType} name of a class, or null: looked up once per class. */
  private static final ClassValue<String> ANNOTATED =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          GoType t = type.getAnnotation(GoType.class);
          return t == null ? null : t.value();
        }
      };

  private GoTypes() {}

  /** The Go type name Go would print for this value, e.g. in {@code %!d(string=x)}. */
  public static String name(Object v) {
    if (v == null) {
      return "<nil>";
    }
    String annotated = ANNOTATED.get(v.getClass());
    if (annotated != null) {
      return annotated;
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short) {
      return "int";
    }
    if (v instanceof Double) {
      return "float64";
    }
    if (v instanceof Float) {
      return "float32";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof List<?>) {
      return "[]interface {}";
    }
    if (v instanceof Map<?, ?> || v instanceof GoMap) {
      return "map[string]interface {}";
    }
    if (v instanceof TemplateFunction) {
      return "func(...interface {}) (interface {}, error)";
    }
    return v.getClass().getSimpleName();
  }

  public static boolean isInt(Object v) {
    return v instanceof Long || v instanceof Integer || v instanceof Short;
  }

  public static boolean isFloat(Object v) {
    return v instanceof Double || v instanceof Float;
  }

  public static boolean isMap(Object v) {
    return v instanceof Map<?, ?> || v instanceof GoMap;
  }

  /** The map's entries, sorted by key as Go's fmt and range order them. */
  @SuppressWarnings("unchecked")
  public static Map<Object, Object> entries(Object map) {
    if (map instanceof GoMap g) {
      return (Map<Object, Object>) (Map<?, ?>) g.entries();
    }
    Map<Object, Object> m = (Map<Object, Object>) map;
    java.util.TreeMap<Object, Object> sorted = new java.util.TreeMap<>(GoTypes::compareKeys);
    sorted.putAll(m);
    return sorted;
  }

  private static int compareKeys(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }

  /** Go's isTrue; {@code null} means the value has no truth (e.g. a function). */
  public static Boolean truth(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (isInt(v)) {
      return ((Number) v).longValue() != 0;
    }
    if (isFloat(v)) {
      return ((Number) v).doubleValue() != 0;
    }
    if (v instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (v instanceof GoMap g) {
      return !g.entries().isEmpty();
    }
    return true;
  }

  /** Number of elements as Go's len sees them; -1 when len does not apply. */
  public static int length(Object v) {
    if (v instanceof String s) {
      return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    if (v instanceof Collection<?> c) {
      return c.size();
    }
    if (v instanceof Map<?, ?> m) {
      return m.size();
    }
    if (v instanceof GoMap g) {
      return g.entries().size();
    }
    return -1;
  }
}
