package dev.alerting.template.exec;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a Go field or method on a Java value. Go names map to Java names by lower-casing the first
 * letter ({@code ExternalURL} → {@code externalURL()}, {@code SortedPairs} → {@code
 * sortedPairs()}). Record components are fields; other public methods declared outside {@code
 * java.*} are methods, so {@code .Size} on a list is not found, as in Go.
 */
final class Members {
  /** A resolved member: a struct field (no arguments allowed) or a method. */
  record Member(Method method, boolean isField) {}

  private static final Map<String, Member> CACHE = new ConcurrentHashMap<>();
  private static final Member NONE = new Member(null, false);

  private Members() {}

  static Member find(Class<?> type, String goName) {
    String key = type.getName() + "#" + goName;
    Member m = CACHE.computeIfAbsent(key, k -> resolve(type, goName));
    return m == NONE ? null : m;
  }

  private static Member resolve(Class<?> type, String goName) {
    if (goName.isEmpty() || !Character.isUpperCase(goName.charAt(0))) {
      return NONE;
    }
    String javaName = Character.toLowerCase(goName.charAt(0)) + goName.substring(1);
    if (type.isRecord()) {
      for (RecordComponent rc : type.getRecordComponents()) {
        if (rc.getName().equals(javaName)) {
          Method accessor = rc.getAccessor();
          accessor.setAccessible(true);
          return new Member(accessor, true);
        }
      }
    }
    for (Method m : type.getMethods()) {
      if (m.getName().equals(javaName)
          && !Modifier.isStatic(m.getModifiers())
          && !m.getDeclaringClass().getName().startsWith("java.")
          && !overridesJava(type, m)
          && m.getReturnType() != void.class) {
        m.setAccessible(true);
        return new Member(m, false);
      }
    }
    return NONE;
  }

  /**
   * Whether {@code m} implements a JDK method ({@code size}, {@code get}, ...): not a Go member.
   */
  private static boolean overridesJava(Class<?> type, Method m) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (declaresJava(c, m)) {
        return true;
      }
    }
    return false;
  }

  private static boolean declaresJava(Class<?> c, Method m) {
    if (c.getName().startsWith("java.")) {
      try {
        c.getMethod(m.getName(), m.getParameterTypes());
        return true;
      } catch (NoSuchMethodException e) {
        // not declared here
      }
    }
    for (Class<?> i : c.getInterfaces()) {
      if (declaresJava(i, m)) {
        return true;
      }
    }
    return false;
  }
}
