package dev.alerting.promql.upstream;

/** How one upstream eval went, with the reason when it did not pass. */
record EvalOutcome(Status status, String reason) {

  /** Passed, outside what our engine supports, or a wrong answer. */
  enum Status {
    PASSED,
    UNSUPPORTED,
    FAILED
  }

  static final EvalOutcome PASSED = new EvalOutcome(Status.PASSED, "");

  static EvalOutcome unsupported(String reason) {
    return new EvalOutcome(Status.UNSUPPORTED, reason);
  }

  static EvalOutcome failed(String reason) {
    return new EvalOutcome(Status.FAILED, reason);
  }
}
