package dev.alerting.promql.ast;

/** The PromQL value types an expression can produce. */
public enum ValueType {
  SCALAR("scalar"),
  VECTOR("instant vector"),
  MATRIX("range vector"),
  STRING("string");

  private final String display;

  ValueType(String display) {
    this.display = display;
  }

  /** The name Prometheus uses in error messages. */
  public String display() {
    return display;
  }
}
