package dev.alerting.ingest.push;

/** A request refused by its headers, path or parameters before its body is read. */
final class Refusal extends RuntimeException {
  private final Outcome outcome;
  private final String title;

  Refusal(Outcome outcome, String title, String detail) {
    super(detail, null, false, false);
    this.outcome = outcome;
    this.title = title;
  }

  Outcome outcome() {
    return outcome;
  }

  String title() {
    return title;
  }
}
