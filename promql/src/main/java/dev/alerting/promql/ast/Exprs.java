package dev.alerting.promql.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Tree traversal over expressions. */
public final class Exprs {
  private Exprs() {}

  public static List<Expr> children(Expr e) {
    // Java 17: no pattern matching for switch yet, hence the instanceof chain.
    if (e instanceof MatrixSelector m) {
      return List.of(m.selector());
    } else if (e instanceof Call c) {
      return c.args();
    } else if (e instanceof Aggregation a) {
      return a.param() == null ? List.of(a.expr()) : List.of(a.param(), a.expr());
    } else if (e instanceof Binary b) {
      return List.of(b.lhs(), b.rhs());
    } else if (e instanceof Negation n) {
      return List.of(n.expr());
    } else if (e instanceof Paren p) {
      return List.of(p.expr());
    } else if (e instanceof Subquery s) {
      return List.of(s.expr());
    }
    return List.of();
  }

  /**
   * {@code e} without enclosing parentheses: {@code ((x[5m]))} is the range selector {@code x[5m]}.
   */
  public static Expr unparen(Expr e) {
    Expr inner = e;
    while (inner instanceof Paren p) {
      inner = p.expr();
    }
    return inner;
  }

  /** Visits {@code root} and all its descendants, parents first. */
  public static void walk(Expr root, Consumer<Expr> visitor) {
    visitor.accept(root);
    for (Expr child : children(root)) {
      walk(child, visitor);
    }
  }

  /** Every selector in the tree (range selectors contribute their inner vector selector). */
  public static List<VectorSelector> selectors(Expr root) {
    List<VectorSelector> out = new ArrayList<>();
    walk(
        root,
        e -> {
          if (e instanceof VectorSelector v) {
            out.add(v);
          }
        });
    return out;
  }
}
