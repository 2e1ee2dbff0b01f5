package dev.alerting.rule.group;

import dev.alerting.rule.expr.Expression;

/** A rule of a rule group: alerting or recording, as in a Prometheus rule file. */
public sealed interface Rule permits AlertingRule, RecordingRule {

  /** The alert name or the recorded metric name. */
  String name();

  Expression expr();
}
