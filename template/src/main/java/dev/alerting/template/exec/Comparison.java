package dev.alerting.template.exec;

import java.util.List;
import java.util.Objects;

/** Go's eq/lt/le on basic kinds (bool, int, float, string), with Go's error texts. */
final class Comparison {
  private enum Kind {
    BOOL,
    INT,
    FLOAT,
    STRING,
    OTHER
  }

  private Comparison() {}

  private static Kind kind(Object v) {
    if (v instanceof Boolean) {
      return Kind.BOOL;
    }
    if (GoTypes.isInt(v)) {
      return Kind.INT;
    }
    if (GoTypes.isFloat(v)) {
      return Kind.FLOAT;
    }
    if (v instanceof String) {
      return Kind.STRING;
    }
    return Kind.OTHER;
  }

  static boolean eq(Object a, List<Object> others) {
    if (others.isEmpty()) {
      throw new IllegalArgumentException("missing argument for comparison");
    }
    Kind k1 = kind(a);
    for (Object b : others) {
      Kind k2 = kind(b);
      boolean truth;
      if (k1 != k2) {
        if (a != null && b != null) {
          throw new IllegalArgumentException("incompatible types for comparison");
        }
        truth = false;
      } else {
        truth =
            switch (k1) {
              case INT -> ((Number) a).longValue() == ((Number) b).longValue();
              case FLOAT -> ((Number) a).doubleValue() == ((Number) b).doubleValue();
              case BOOL, STRING -> a.equals(b);
              case OTHER -> {
                if (a == null || b == null) {
                  yield a == b;
                }
                if (a instanceof List<?> || GoTypes.isMap(a)) {
                  throw new IllegalArgumentException(
                      "non-comparable type "
                          + dev.alerting.template.fmt.GoFmt.sprint(List.of(b))
                          + ": "
                          + GoTypes.name(b));
                }
                if (!GoTypes.name(a).equals(GoTypes.name(b))) {
                  throw new IllegalArgumentException("incompatible types for comparison");
                }
                yield Objects.equals(a, b);
              }
            };
      }
      if (truth) {
        return true;
      }
    }
    return false;
  }

  static boolean lt(Object a, Object b) {
    Kind k1 = kind(a);
    Kind k2 = kind(b);
    if (k1 == Kind.OTHER || k2 == Kind.OTHER) {
      throw new IllegalArgumentException("invalid type for comparison");
    }
    if (k1 != k2) {
      throw new IllegalArgumentException("incompatible types for comparison");
    }
    return switch (k1) {
      case BOOL -> throw new IllegalArgumentException("invalid type for comparison");
      case INT -> ((Number) a).longValue() < ((Number) b).longValue();
      case FLOAT -> ((Number) a).doubleValue() < ((Number) b).doubleValue();
      case STRING -> ((String) a).compareTo((String) b) < 0;
      case OTHER -> throw new IllegalArgumentException("invalid type for comparison");
    };
  }

  static boolean le(Object a, Object b) {
    return lt(a, b) || eq(a, List.of(b));
  }
}
