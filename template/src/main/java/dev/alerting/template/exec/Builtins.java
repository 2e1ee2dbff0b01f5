package dev.alerting.template.exec;

import dev.alerting.template.FunctionLibrary.Param;
import dev.alerting.template.TemplateFunction;
import dev.alerting.template.fmt.GoFmt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Go's builtin template functions, with Go's argument rules and error texts. */
final class Builtins {
  private static final Map<String, Callable> ALL = new HashMap<>();

  static {
    add(Callable.variadic("and", a -> null, Param.ANY, Param.ANY));
    add(Callable.variadic("or", a -> null, Param.ANY, Param.ANY));
    add(Callable.fixed("not", a -> !GoTypes.truth(a.get(0)), Param.ANY));
    add(Callable.fixed("len", a -> length(a.get(0)), Param.ANY));
    add(
        Callable.variadic(
            "index", a -> Indexing.index(a.get(0), a.subList(1, a.size())), Param.ANY, Param.ANY));
    add(
        Callable.variadic(
            "slice", a -> Indexing.slice(a.get(0), a.subList(1, a.size())), Param.ANY, Param.ANY));
    add(Callable.variadic("print", GoFmt::sprint, Param.ANY));
    add(Callable.variadic("println", GoFmt::sprintln, Param.ANY));
    add(
        Callable.variadic(
            "printf",
            a -> GoFmt.sprintf((String) a.get(0), a.subList(1, a.size())),
            Param.ANY,
            Param.STRING));
    add(Callable.variadic("html", a -> Escapers.html(evalArgs(a)), Param.ANY));
    add(Callable.variadic("js", a -> Escapers.js(evalArgs(a)), Param.ANY));
    add(Callable.variadic("urlquery", a -> Escapers.urlQuery(evalArgs(a)), Param.ANY));
    add(
        Callable.variadic(
            "eq", a -> Comparison.eq(a.get(0), a.subList(1, a.size())), Param.ANY, Param.ANY));
    add(Callable.fixed("ne", a -> !Comparison.eq(a.get(0), a.subList(1, 2)), Param.ANY, Param.ANY));
    add(Callable.fixed("lt", a -> Comparison.lt(a.get(0), a.get(1)), Param.ANY, Param.ANY));
    add(Callable.fixed("le", a -> Comparison.le(a.get(0), a.get(1)), Param.ANY, Param.ANY));
    add(Callable.fixed("gt", a -> !Comparison.le(a.get(0), a.get(1)), Param.ANY, Param.ANY));
    add(Callable.fixed("ge", a -> !Comparison.lt(a.get(0), a.get(1)), Param.ANY, Param.ANY));
    add(Callable.variadic("call", Builtins::call, Param.ANY, Param.ANY));
  }

  private Builtins() {}

  private static void add(Callable c) {
    ALL.put(c.name(), c);
  }

  static Callable lookup(String name, Executor x) {
    return ALL.get(name);
  }

  private static long length(Object v) {
    if (v == null) {
      throw new IllegalArgumentException("reflect: call of reflect.Value.Type on zero Value");
    }
    int n = GoTypes.length(v);
    if (n < 0) {
      throw new IllegalArgumentException("len of type " + GoTypes.name(v));
    }
    return n;
  }

  private static Object call(List<Object> a) throws Exception {
    Object fn = a.get(0);
    if (fn == null) {
      throw new IllegalArgumentException("call of nil");
    }
    if (!(fn instanceof TemplateFunction f)) {
      throw new IllegalArgumentException("non-function of type " + GoTypes.name(fn));
    }
    return f.call(new ArrayList<>(a.subList(1, a.size())));
  }

  /** Go's evalArgs: one string is used as is, anything else is fmt.Sprint'ed. */
  static String evalArgs(List<Object> args) {
    if (args.size() == 1 && args.get(0) instanceof String s) {
      return s;
    }
    List<Object> printable = new ArrayList<>(args.size());
    for (Object o : args) {
      printable.add(o == null ? "<no value>" : o);
    }
    return GoFmt.sprint(printable);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static List<Object> list(Object... xs) {
    return Arrays.asList(xs);
  }
}
