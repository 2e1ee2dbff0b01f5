package dev.alerting.template.exec;

import dev.alerting.template.FunctionLibrary.Param;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
  record Member(Method method, boolean isField, Callable signature) {
    Member(Method method, boolean isField) {
      this(method, isField, method == null || isField ? null : Members.signature(method));
    }
  }

  /** Resolved members per class: field access is the hottest path of execution. */
  private static final ClassValue<Map<String, Member>> CACHE =
      new ClassValue<>() {
        @Override
        protected Map<String, Member> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private static final Member NONE = new Member(null, false);

  private Members() {}

  static Member find(Class<?> type, String goName) {
    Map<String, Member> members = CACHE.get(type);
    Member m = members.get(goName);
    if (m == null) {
      m = members.computeIfAbsent(goName, n -> resolve(type, n));
    }
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

  /** A public method of the data as a callable with Go-typed parameters. */
  /** The member bound to its receiver, ready for {@code Evaluator.call}. */
  static Callable callable(Object receiver, Member member) {
    Callable s = member.signature();
    Method m = member.method();
    return new Callable(s.name(), s.params(), s.variadic(), false, a -> invoke(receiver, m, a));
  }

  /** A method's Go name and parameter types, computed once per method. */
  static Callable signature(Method m) {
    List<Param> params = new ArrayList<>();
    Param variadic = null;
    Class<?>[] types = m.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      Param p = paramFor(types[i]);
      if (m.isVarArgs() && i == types.length - 1) {
        variadic = paramFor(types[i].getComponentType());
      } else {
        params.add(p);
      }
    }
    String name = Character.toUpperCase(m.getName().charAt(0)) + m.getName().substring(1);
    return new Callable(name, List.copyOf(params), variadic, false, a -> null);
  }

  private static Param paramFor(Class<?> c) {
    if (c == String.class) {
      return Param.STRING;
    }
    if (c == long.class || c == Long.class || c == int.class || c == Integer.class) {
      return Param.INT;
    }
    if (c == double.class || c == Double.class) {
      return Param.FLOAT64;
    }
    if (c == boolean.class || c == Boolean.class) {
      return Param.BOOL;
    }
    if (List.class.isAssignableFrom(c)) {
      return Param.STRINGS;
    }
    return Param.ANY;
  }

  static Object invoke(Object receiver, Method m, List<Object> args) {
    try {
      Object[] argv = args.toArray();
      if (m.isVarArgs()) {
        int fixed = m.getParameterCount() - 1;
        Object[] packed = Arrays.copyOf(argv, fixed + 1);
        Class<?> component = m.getParameterTypes()[fixed].getComponentType();
        Object rest = java.lang.reflect.Array.newInstance(component, argv.length - fixed);
        for (int i = fixed; i < argv.length; i++) {
          java.lang.reflect.Array.set(rest, i - fixed, argv[i]);
        }
        packed[fixed] = rest;
        argv = packed;
      }
      Class<?>[] types = m.getParameterTypes();
      for (int i = 0; i < argv.length && i < types.length; i++) {
        if ((types[i] == int.class || types[i] == Integer.class) && argv[i] instanceof Long l) {
          argv[i] = l.intValue();
        }
      }
      return m.invoke(receiver, argv);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new Evaluator.CallFailure(
          cause.getMessage() == null ? cause.toString() : cause.getMessage());
    } catch (IllegalAccessException e) {
      throw new Evaluator.CallFailure(m.getName() + " is not accessible");
    }
  }
}
