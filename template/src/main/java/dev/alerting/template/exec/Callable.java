package dev.alerting.template.exec;

import dev.alerting.template.FunctionLibrary.Param;
import java.util.List;

/**
 * Anything a command can call: a builtin, a library function or a method of the data, with the
 * signature the engine checks arguments against.
 */
record Callable(String name, List<Param> params, Param variadic, boolean builtin, Body body) {
  @FunctionalInterface
  interface Body {
    Object apply(List<Object> args) throws Exception;
  }

  static Callable fixed(String name, Body body, Param... params) {
    return new Callable(name, List.of(params), null, true, body);
  }

  static Callable variadic(String name, Body body, Param rest, Param... params) {
    return new Callable(name, List.of(params), rest, true, body);
  }
}
