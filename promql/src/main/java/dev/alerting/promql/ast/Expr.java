package dev.alerting.promql.ast;

/** A parsed PromQL expression node; {@link #position()} is its 0-based start in the source text. */
public sealed interface Expr
    permits NumberLiteral,
        StringLiteral,
        VectorSelector,
        MatrixSelector,
        Call,
        Aggregation,
        Binary,
        Negation,
        Paren,
        Subquery {

  ValueType type();

  int position();
}
