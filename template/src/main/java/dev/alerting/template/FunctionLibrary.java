package dev.alerting.template;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The named functions a template set may call besides Go's builtins (Go's {@code FuncMap}). A name
 * the set does not know fails at parse time with {@code function "x" not defined}, as in Go.
 * Immutable; {@link #with} returns a new library.
 */
public final class FunctionLibrary {
  private static final FunctionLibrary EMPTY = new FunctionLibrary(Map.of());

  /** A parameter's Go type, which the engine checks each argument against. */
  public enum Param {
    STRING("string", String.class),
    INT("int", Long.class),
    FLOAT64("float64", Double.class),
    BOOL("bool", Boolean.class),
    STRINGS("[]string", List.class),
    TIME("time.Time", dev.alerting.template.alertmanager.GoTime.class),
    ANY("interface {}", Object.class);

    private final String goName;
    private final Class<?> javaType;

    Param(String goName, Class<?> javaType) {
      this.goName = goName;
      this.javaType = javaType;
    }

    public String goName() {
      return goName;
    }

    public Class<?> javaType() {
      return javaType;
    }
  }

  /** Fixed parameters, then optionally a variadic one ({@code null} when there is none). */
  public record Signature(List<Param> params, Param variadic) {
    public Signature {
      params = List.copyOf(params);
    }

    public static Signature of(Param... params) {
      return new Signature(Arrays.asList(params), null);
    }

    public static Signature variadic(Param rest, Param... fixed) {
      return new Signature(Arrays.asList(fixed), Objects.requireNonNull(rest, "rest"));
    }
  }

  /** A function with its signature. */
  public record Entry(String name, Signature signature, TemplateFunction body) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(body, "body");
    }
  }

  private final Map<String, Entry> functions;

  private FunctionLibrary(Map<String, Entry> functions) {
    this.functions = Map.copyOf(functions);
  }

  public static FunctionLibrary empty() {
    return EMPTY;
  }

  /** This library plus {@code name}; a later definition of a name replaces the earlier one. */
  public FunctionLibrary with(String name, Signature signature, TemplateFunction body) {
    Map<String, Entry> m = new HashMap<>(functions);
    m.put(name, new Entry(name, signature, body));
    return new FunctionLibrary(m);
  }

  /** This library plus every function of {@code other} (which wins on a clash). */
  public FunctionLibrary withAll(FunctionLibrary other) {
    Map<String, Entry> m = new HashMap<>(functions);
    m.putAll(other.functions);
    return new FunctionLibrary(m);
  }

  public Optional<Entry> lookup(String name) {
    return Optional.ofNullable(functions.get(name));
  }
}
