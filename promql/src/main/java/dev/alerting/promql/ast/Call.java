package dev.alerting.promql.ast;

import java.util.List;

/** A function call whose arguments the parser has already checked against the signature. */
public record Call(Function function, List<Expr> args, int position) implements Expr {
  public Call {
    args = List.copyOf(args);
  }

  @Override
  public ValueType type() {
    return function.returnType();
  }
}
