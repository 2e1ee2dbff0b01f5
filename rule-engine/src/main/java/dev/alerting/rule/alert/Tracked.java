package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import java.time.Instant;
import java.util.Map;

/**
 * One alert's mutable state between evaluations, with what incremental evaluation keeps of it: its
 * place in the rule's alert order, how many result elements carry its labels, and its next deadline
 * (pending until {@code for}, or kept firing until {@code keep_firing_for}).
 */
final class Tracked extends DeadlineHeap.Entry implements LabelTable.Keyed {
  final Labels labels;
  final Instant activeAt;
  Map<String, String> annotations;
  double value;
  AlertState state = AlertState.PENDING;
  Instant firedAt;
  Instant keepFiringSince;

  /** Position in the rule's alert order (insertion order of its alert map). */
  long seq;

  /** How many series' elements have these labels now (more than one is an error). */
  int producers;

  /** Whether it is already in the list of alerts one evaluation looks at. */
  boolean examined;

  /** Neighbours in its rule's {@link AlertMap} order. */
  Tracked before;

  Tracked after;

  Tracked(Labels labels, Map<String, String> annotations, double value, Instant activeAt) {
    this.labels = labels;
    this.annotations = annotations;
    this.value = value;
    this.activeAt = activeAt;
  }

  @Override
  public Labels key() {
    return labels;
  }
}
