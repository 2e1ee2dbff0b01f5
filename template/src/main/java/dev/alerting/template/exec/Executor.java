package dev.alerting.template.exec;

import dev.alerting.template.FunctionLibrary;
import dev.alerting.template.TemplateException;
import dev.alerting.template.fmt.GoFmt;
import dev.alerting.template.fmt.Quote;
import dev.alerting.template.parse.Node;
import dev.alerting.template.parse.Node.ActionNode;
import dev.alerting.template.parse.Node.BranchNode;
import dev.alerting.template.parse.Node.BreakNode;
import dev.alerting.template.parse.Node.ContinueNode;
import dev.alerting.template.parse.Node.ListNode;
import dev.alerting.template.parse.Node.PipeNode;
import dev.alerting.template.parse.Node.TemplateNode;
import dev.alerting.template.parse.Node.TextNode;
import dev.alerting.template.parse.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks a parse tree over data as Go's text/template executes it, with Alertmanager's {@code
 * missingkey=zero}. One executor per execution (it holds the variable stack and the output).
 */
public final class Executor {
  static final int MAX_DEPTH = 100000;

  final Map<String, Tree> trees;
  final FunctionLibrary functions;
  final Evaluator eval;
  final StringBuilder out = new StringBuilder();
  final List<Object[]> vars = new ArrayList<>();
  Tree tree;
  Node at;
  private final boolean html;
  private int depth;

  public Executor(Map<String, Tree> trees, FunctionLibrary functions) {
    this(trees, functions, false);
  }

  /** With {@code html}, printed values are escaped for their HTML context (see HtmlContext). */
  public Executor(Map<String, Tree> trees, FunctionLibrary functions, boolean html) {
    this.trees = trees;
    this.functions = functions;
    this.html = html;
    this.eval = new Evaluator(this);
  }

  /** Executes {@code tree} with dot and {@code $} set to {@code data}. */
  public String execute(Tree tree, Object data) {
    this.tree = tree;
    vars.add(new Object[] {"$", data});
    try {
      walk(data, tree.root());
    } catch (StackOverflowError e) {
      throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
    } catch (LoopSignal s) {
      throw error("internal error: " + s.getMessage() + " outside of range");
    }
    return out.toString();
  }

  void walk(Object dot, Node node) {
    at = node;
    if (node instanceof ActionNode a) {
      Object v = eval.pipeline(dot, a.pipe());
      if (a.pipe().decl().isEmpty()) {
        printValue(a, v);
      }
    } else if (node instanceof TextNode t) {
      out.append(html ? HtmlContext.text(t.text()) : t.text());
    } else if (node instanceof ListNode l) {
      for (Node n : l.nodes()) {
        walk(dot, n);
      }
    } else if (node instanceof BranchNode b) {
      if (b.kind() == BranchNode.Kind.RANGE) {
        walkRange(dot, b);
      } else {
        walkIfOrWith(dot, b);
      }
    } else if (node instanceof TemplateNode t) {
      walkTemplate(dot, t);
    } else if (node instanceof BreakNode) {
      throw LoopSignal.BREAK;
    } else if (node instanceof ContinueNode) {
      throw LoopSignal.CONTINUE;
    } else {
      throw error("unknown node: " + node);
    }
  }

  private void walkIfOrWith(Object dot, BranchNode b) {
    int mark = vars.size();
    try {
      Object val = eval.pipeline(dot, b.pipe());
      Boolean truth = GoTypes.truth(val);
      if (truth == null) {
        throw error("if/with can't use " + GoFmt.sprint(List.of(val)));
      }
      if (truth) {
        walk(b.kind() == BranchNode.Kind.WITH ? val : dot, b.list());
      } else if (b.elseList() != null) {
        walk(dot, b.elseList());
      }
    } finally {
      pop(mark);
    }
  }

  private void walkRange(Object dot, BranchNode r) {
    at = r;
    int outer = vars.size();
    try {
      Object val = eval.pipeline(dot, r.pipe());
      int mark = vars.size();
      boolean any = false;
      if (val instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          any = true;
          if (!iteration(r, mark, (long) i, list.get(i))) {
            break;
          }
        }
      } else if (GoTypes.isMap(val)) {
        for (Map.Entry<Object, Object> e : GoTypes.entries(val).entrySet()) {
          any = true;
          if (!iteration(r, mark, e.getKey(), e.getValue())) {
            break;
          }
        }
      } else if (val != null) {
        throw error("range can't iterate over " + GoFmt.sprint(List.of(val)));
      }
      if (!any && r.elseList() != null) {
        walk(dot, r.elseList());
      }
    } finally {
      pop(outer);
    }
  }

  /** One pass of a range body; false when the body said {{break}}. */
  private boolean iteration(BranchNode r, int mark, Object index, Object elem) {
    PipeNode pipe = r.pipe();
    List<Node.VariableNode> decl = pipe.decl();
    if (!decl.isEmpty()) {
      if (pipe.isAssign()) {
        setVar(decl.get(0).idents().get(0), decl.size() > 1 ? index : elem);
      } else {
        setTopVar(1, elem);
      }
    }
    if (decl.size() > 1) {
      if (pipe.isAssign()) {
        setVar(decl.get(1).idents().get(0), elem);
      } else {
        setTopVar(2, index);
      }
    }
    try {
      walk(elem, r.list());
      return true;
    } catch (LoopSignal s) {
      return s == LoopSignal.CONTINUE;
    } finally {
      pop(mark);
    }
  }

  private void walkTemplate(Object dot, TemplateNode t) {
    at = t;
    Tree target = trees.get(t.name());
    if (target == null) {
      throw error("template " + Quote.go(t.name()) + " not defined");
    }
    if (depth >= MAX_DEPTH) {
      throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
    }
    Object newDot = t.pipe() == null ? null : eval.pipeline(dot, t.pipe());
    Tree savedTree = tree;
    List<Object[]> savedVars = new ArrayList<>(vars);
    vars.clear();
    vars.add(new Object[] {"$", newDot});
    depth++;
    tree = target;
    try {
      walk(newDot, target.root());
    } finally {
      depth--;
      tree = savedTree;
      vars.clear();
      vars.addAll(savedVars);
    }
  }

  private void printValue(Node n, Object v) {
    at = n;
    if (v instanceof dev.alerting.template.TemplateFunction) {
      throw error("can't print " + n + " of type " + GoTypes.name(v));
    }
    String text = v == null ? "<no value>" : GoFmt.sprint(List.of(v));
    if (html) {
      HtmlContext.print(
          out, v, text, "template.HTML".equals(GoTypes.name(v)), predefinedEscaper(n));
    } else {
      out.append(text);
    }
  }

  /**
   * html/template keeps a pipeline's final {@code html} or {@code urlquery} and drops the context's
   * escaper it makes redundant.
   */
  private static String predefinedEscaper(Node n) {
    if (n instanceof ActionNode a && !a.pipe().cmds().isEmpty()) {
      List<Node> args = a.pipe().cmds().get(a.pipe().cmds().size() - 1).args();
      if (args.get(0) instanceof Node.IdentifierNode id
          && (id.name().equals("html") || id.name().equals("urlquery"))) {
        return id.name();
      }
    }
    return "";
  }

  // --- variables ---

  void push(String name, Object value) {
    vars.add(new Object[] {name, value});
  }

  void pop(int mark) {
    while (vars.size() > mark) {
      vars.remove(vars.size() - 1);
    }
  }

  private void setTopVar(int n, Object value) {
    vars.get(vars.size() - n)[1] = value;
  }

  void setVar(String name, Object value) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i)[0].equals(name)) {
        vars.get(i)[1] = value;
        return;
      }
    }
    throw error("undefined variable: " + name);
  }

  Object varValue(String name) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i)[0].equals(name)) {
        return vars.get(i)[1];
      }
    }
    throw error("undefined variable: " + name);
  }

  /** Go's state.errorf: location and failing action of the node being executed. */
  TemplateException error(String message) {
    String name = tree.name();
    if (at == null) {
      return new TemplateException("template: " + name + ": " + message);
    }
    return new TemplateException(
        "template: "
            + tree.location(at)
            + ": executing "
            + Quote.go(name)
            + " at <"
            + at
            + ">: "
            + message);
  }

  /** {{break}} and {{continue}} unwind to the enclosing range. */
  static final class LoopSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final LoopSignal BREAK = new LoopSignal("break");
    static final LoopSignal CONTINUE = new LoopSignal("continue");

    private LoopSignal(String what) {
      super(what, null, false, false);
    }
  }
}
