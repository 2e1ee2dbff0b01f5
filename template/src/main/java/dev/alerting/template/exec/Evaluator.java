package dev.alerting.template.exec;

import dev.alerting.template.FunctionLibrary;
import dev.alerting.template.FunctionLibrary.Param;
import dev.alerting.template.GoMap;
import dev.alerting.template.parse.Node;
import dev.alerting.template.parse.Node.BoolNode;
import dev.alerting.template.parse.Node.ChainNode;
import dev.alerting.template.parse.Node.CommandNode;
import dev.alerting.template.parse.Node.DotNode;
import dev.alerting.template.parse.Node.FieldNode;
import dev.alerting.template.parse.Node.IdentifierNode;
import dev.alerting.template.parse.Node.NilNode;
import dev.alerting.template.parse.Node.NumberNode;
import dev.alerting.template.parse.Node.PipeNode;
import dev.alerting.template.parse.Node.StringNode;
import dev.alerting.template.parse.Node.VariableNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Evaluates pipelines, commands, field chains and calls: Go's exec.go evaluation half. */
final class Evaluator {
  static final Object MISSING = new Object();

  private final Executor x;

  Evaluator(Executor x) {
    this.x = x;
  }

  Object pipeline(Object dot, PipeNode pipe) {
    if (pipe == null) {
      return null;
    }
    x.at = pipe;
    Object value = MISSING;
    for (CommandNode cmd : pipe.cmds()) {
      value = command(dot, cmd, value);
    }
    for (VariableNode v : pipe.decl()) {
      if (pipe.isAssign()) {
        x.setVar(v.idents().get(0), value);
      } else {
        x.push(v.idents().get(0), value);
      }
    }
    return value;
  }

  private Object command(Object dot, CommandNode cmd, Object fin) {
    Node first = cmd.args().get(0);
    if (first instanceof FieldNode f) {
      x.at = f;
      return fieldChain(dot, dot, f, f.idents(), cmd.args(), fin);
    }
    if (first instanceof ChainNode c) {
      return chain(dot, c, cmd.args(), fin);
    }
    if (first instanceof IdentifierNode id) {
      return function(dot, id, cmd, cmd.args(), fin);
    }
    if (first instanceof PipeNode p) {
      notAFunction(cmd.args(), fin);
      return pipeline(dot, p);
    }
    if (first instanceof VariableNode v) {
      return variable(dot, v, cmd.args(), fin);
    }
    x.at = first;
    notAFunction(cmd.args(), fin);
    if (first instanceof BoolNode b) {
      return b.value();
    }
    if (first instanceof DotNode) {
      return dot;
    }
    if (first instanceof NilNode) {
      throw x.error("nil is not a command");
    }
    if (first instanceof NumberNode n) {
      return idealConstant(n);
    }
    if (first instanceof StringNode s) {
      return s.text();
    }
    throw x.error("can't evaluate command " + first);
  }

  private void notAFunction(List<Node> args, Object fin) {
    if (args.size() > 1 || fin != MISSING) {
      throw x.error("can't give argument to non-function " + args.get(0));
    }
  }

  private Object idealConstant(NumberNode n) {
    String t = n.text();
    boolean hexInt = t.matches("[+-]?0[xX][0-9a-fA-F_]+");
    boolean rune = t.startsWith("'");
    if (n.isFloat() && !hexInt && !rune && t.matches(".*[.eEpP].*")) {
      return n.floatValue();
    }
    if (n.isInt()) {
      return n.intValue();
    }
    throw x.error(t + " overflows int");
  }

  private Object chain(Object dot, ChainNode c, List<Node> args, Object fin) {
    x.at = c;
    if (c.node() instanceof NilNode) {
      throw x.error("indirection through explicit nil in " + c);
    }
    Object receiver = arg(dot, Param.ANY, c.node());
    return fieldChain(dot, receiver, c, c.fields(), args, fin);
  }

  private Object variable(Object dot, VariableNode v, List<Node> args, Object fin) {
    x.at = v;
    Object value = x.varValue(v.idents().get(0));
    if (v.idents().size() == 1) {
      notAFunction(args, fin);
      return value;
    }
    return fieldChain(dot, value, v, v.idents().subList(1, v.idents().size()), args, fin);
  }

  private Object fieldChain(
      Object dot, Object receiver, Node node, List<String> idents, List<Node> args, Object fin) {
    int n = idents.size();
    for (int i = 0; i < n - 1; i++) {
      receiver = field(dot, idents.get(i), node, List.of(), MISSING, receiver);
    }
    return field(dot, idents.get(n - 1), node, args, fin, receiver);
  }

  private Object field(
      Object dot, String name, Node node, List<Node> args, Object fin, Object receiver) {
    if (receiver == null) {
      return null; // missingkey=zero: a field of nothing is nothing
    }
    Members.Member m = Members.find(receiver.getClass(), name);
    boolean hasArgs = args.size() > 1 || fin != MISSING;
    if (m != null && !m.isField()) {
      return call(dot, Members.callable(receiver, m), node, node, args, fin);
    }
    if (m != null) {
      if (hasArgs) {
        throw x.error(name + " has arguments but cannot be invoked as function");
      }
      try {
        return Members.invoke(receiver, m.method(), List.of());
      } catch (CallFailure e) {
        throw x.error("error calling " + name + ": " + e.getMessage());
      }
    }
    if (GoTypes.isMap(receiver)) {
      if (hasArgs) {
        throw x.error(name + " is not a method but has arguments");
      }
      Map<?, ?> entries = receiver instanceof GoMap g ? g.entries() : (Map<?, ?>) receiver;
      Object v = entries.get(name);
      if (v == null && !entries.containsKey(name)) {
        return receiver instanceof GoMap g ? g.zeroValue() : null;
      }
      return v;
    }
    throw x.error("can't evaluate field " + name + " in type " + GoTypes.name(receiver));
  }

  private Object function(
      Object dot, IdentifierNode id, CommandNode cmd, List<Node> args, Object fin) {
    x.at = id;
    Callable f = Builtins.lookup(id.name());
    if (f == null) {
      FunctionLibrary.Entry e =
          x.functions
              .lookup(id.name())
              .orElseThrow(() -> x.error("\"" + id.name() + "\" is not a defined function"));
      f =
          new Callable(
              e.name(),
              e.signature().params(),
              e.signature().variadic(),
              false,
              a -> e.body().call(a));
    }
    return call(dot, f, id, cmd == null ? id : cmd, args, fin);
  }

  /** Go's evalCall: argument count and types checked, then the call; failures name the call. */
  Object call(Object dot, Callable f, Node at, Node errorNode, List<Node> args, Object fin) {
    List<Node> argNodes = args.isEmpty() ? List.of() : args.subList(1, args.size());
    int numIn = argNodes.size() + (fin != MISSING ? 1 : 0);
    int numFixed = f.params().size();
    if (f.variadic() != null) {
      if (numIn < numFixed) {
        throw x.error(
            "wrong number of args for "
                + f.name()
                + ": want at least "
                + numFixed
                + " got "
                + argNodes.size());
      }
    } else if (numIn != numFixed) {
      throw x.error(
          "wrong number of args for " + f.name() + ": want " + numFixed + " got " + numIn);
    }
    if (f.builtin() && (f.name().equals("and") || f.name().equals("or"))) {
      return andOr(dot, f.name(), argNodes, fin);
    }
    List<Object> argv = new ArrayList<>(numIn);
    int i = 0;
    for (; i < numFixed && i < argNodes.size(); i++) {
      argv.add(arg(dot, f.params().get(i), argNodes.get(i)));
    }
    for (; i < argNodes.size(); i++) {
      argv.add(arg(dot, f.variadic(), argNodes.get(i)));
    }
    if (fin != MISSING) {
      Param t = numIn - 1 < numFixed ? f.params().get(numIn - 1) : f.variadic();
      argv.add(validate(fin, t));
    }
    try {
      return normalize(f.body().apply(argv));
    } catch (RuntimeException e) {
      x.at = errorNode;
      if (e instanceof dev.alerting.template.TemplateException te) {
        throw te;
      }
      throw x.error("error calling " + f.name() + ": " + e.getMessage());
    } catch (Exception e) {
      x.at = errorNode;
      throw x.error("error calling " + f.name() + ": " + e.getMessage());
    }
  }

  private static Object normalize(Object v) {
    if (v instanceof Integer i) {
      return i.longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    return v;
  }

  /** Go ≥ 1.18 and/or: evaluate left to right, stop at the deciding value. */
  private Object andOr(Object dot, String name, List<Node> argNodes, Object fin) {
    Object v = null;
    for (Node n : argNodes) {
      v = arg(dot, Param.ANY, n);
      if (GoTypes.truth(v) == name.equals("or")) {
        return v;
      }
    }
    if (fin != MISSING) {
      v = fin;
    }
    return v;
  }

  /** Go's evalArg: a constant is typed by the parameter; anything else must fit it. */
  Object arg(Object dot, Param type, Node n) {
    x.at = n;
    if (n instanceof DotNode) {
      return validate(dot, type);
    }
    if (n instanceof NilNode) {
      if (type == Param.ANY || type == Param.STRINGS) {
        return null;
      }
      throw x.error("cannot assign nil to " + type.goName());
    }
    if (n instanceof FieldNode f) {
      return validate(fieldChain(dot, dot, f, f.idents(), List.of(n), MISSING), type);
    }
    if (n instanceof VariableNode v) {
      return validate(variable(dot, v, List.of(), MISSING), type);
    }
    if (n instanceof PipeNode p) {
      return validate(pipeline(dot, p), type);
    }
    if (n instanceof IdentifierNode id) {
      return validate(function(dot, id, null, List.of(), MISSING), type);
    }
    if (n instanceof ChainNode c) {
      return validate(chain(dot, c, List.of(), MISSING), type);
    }
    switch (type) {
      case BOOL:
        if (n instanceof BoolNode b) {
          return b.value();
        }
        throw x.error("expected bool; found " + n);
      case FLOAT64:
        if (n instanceof NumberNode num && num.isFloat()) {
          return num.floatValue();
        }
        throw x.error("expected float; found " + n);
      case INT:
        if (n instanceof NumberNode num && num.isInt()) {
          return num.intValue();
        }
        throw x.error("expected integer; found " + n);
      case STRING:
        if (n instanceof StringNode s) {
          return s.text();
        }
        throw x.error("expected string; found " + n);
      case ANY:
        if (n instanceof BoolNode b) {
          return b.value();
        }
        if (n instanceof NumberNode num) {
          return idealConstant(num);
        }
        if (n instanceof StringNode s) {
          return s.text();
        }
        throw x.error("can't handle " + n + " for arg of type interface {}");
      default:
        throw x.error("can't handle " + n + " for arg of type " + type.goName());
    }
  }

  /** Go's validateType: the value must be assignable to the parameter's type. */
  Object validate(Object value, Param type) {
    if (value == MISSING) {
      value = null;
    }
    if (value == null) {
      if (type == Param.ANY || type == Param.STRINGS) {
        return null;
      }
      throw x.error("invalid value; expected " + type.goName());
    }
    boolean ok =
        switch (type) {
          case ANY -> true;
          case STRING -> value instanceof String;
          case INT -> GoTypes.isInt(value);
          case FLOAT64 -> value instanceof Double;
          case BOOL -> value instanceof Boolean;
          case STRINGS -> value instanceof List<?> && GoTypes.name(value).equals("[]string");
          case TIME -> value instanceof dev.alerting.template.alertmanager.GoTime;
        };
    if (!ok) {
      throw x.error(
          "wrong type for value; expected " + type.goName() + "; got " + GoTypes.name(value));
    }
    return GoTypes.isInt(value) ? (Object) ((Number) value).longValue() : value;
  }

  /** A method of the data failed: reported as Go's "error calling". */
  static final class CallFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallFailure(String message) {
      super(message, null, false, false);
    }
  }
}
