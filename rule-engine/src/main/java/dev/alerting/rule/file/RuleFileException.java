package dev.alerting.rule.file;

import java.util.List;

/** A rule file (or folder) that cannot be loaded; lists every problem with its group and rule. */
public final class RuleFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> errors;

  public RuleFileException(List<String> errors) {
    super(
        errors.size() == 1
            ? errors.get(0)
            : errors.size() + " problems:\n  " + String.join("\n  ", errors));
    this.errors = List.copyOf(errors);
  }

  /** One entry per problem, each naming file, group, rule and reason. */
  public List<String> errors() {
    return errors;
  }
}
