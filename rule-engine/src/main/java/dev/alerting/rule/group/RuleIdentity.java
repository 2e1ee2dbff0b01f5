package dev.alerting.rule.group;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What makes two alerting rules "the same rule" across a reload or a restart: group name, alert
 * name, expression text, {@code for}, {@code keep_firing_for} and label templates, plus the
 * occurrence among identical rules of the group. Annotations are deliberately not part of it: a
 * reworded summary keeps the rule's alerts (their annotations are re-expanded on the next
 * evaluation) rather than resolving and re-firing them.
 */
public record RuleIdentity(
    String group,
    String alert,
    String expr,
    Duration holdDuration,
    Duration keepFiringFor,
    SortedMap<String, String> labels,
    int occurrence) {

  public RuleIdentity {
    labels = new TreeMap<>(labels);
  }

  /**
   * The identity of {@code rule} in {@code group}, the {@code occurrence}-th (from 0) of its kind.
   */
  public static RuleIdentity of(String group, AlertingRule rule, int occurrence) {
    SortedMap<String, String> labels = new TreeMap<>();
    rule.labels().forEach((k, t) -> labels.put(k, t.source()));
    return new RuleIdentity(
        group,
        rule.name(),
        rule.expr().text(),
        rule.holdDuration(),
        rule.keepFiringFor(),
        labels,
        occurrence);
  }

  /** The same identity with another occurrence number. */
  public RuleIdentity withOccurrence(int n) {
    return new RuleIdentity(group, alert, expr, holdDuration, keepFiringFor, labels, n);
  }

  /**
   * A stable 16-hex-digit digest of the identity: it keys checkpointed alert state, so a rule whose
   * definition changed while the engine was down does not pick up its predecessor's alerts.
   */
  public String key() {
    StringBuilder sb = new StringBuilder();
    sb.append(group)
        .append('\0')
        .append(alert)
        .append('\0')
        .append(expr)
        .append('\0')
        .append(holdDuration.toMillis())
        .append('\0')
        .append(keepFiringFor.toMillis())
        .append('\0')
        .append(occurrence);
    for (Map.Entry<String, String> l : labels.entrySet()) {
      sb.append('\0').append(l.getKey()).append('=').append(l.getValue());
    }
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
