package dev.alerting.promql.ast;

import java.util.List;

/**
 * How two instant vectors are matched: by {@code on} or {@code ignoring} labels, with cardinality
 * and group_x extra labels. {@code fillLeft}/{@code fillRight} (null when absent) are the values of
 * Prometheus 3's {@code fill_left(v)}/{@code fill_right(v)} ({@code fill(v)} sets both): an element
 * without a partner is matched with that value instead of being dropped.
 */
public record VectorMatching(
    Cardinality card,
    List<String> labels,
    boolean on,
    List<String> include,
    Double fillLeft,
    Double fillRight) {

  /** Matching cardinality; one-to-many is {@code group_right}, many-to-one {@code group_left}. */
  public enum Cardinality {
    ONE_TO_ONE,
    MANY_TO_ONE,
    ONE_TO_MANY,
    MANY_TO_MANY
  }

  public VectorMatching {
    labels = List.copyOf(labels);
    include = List.copyOf(include);
  }

  public VectorMatching(Cardinality card, List<String> labels, boolean on, List<String> include) {
    this(card, labels, on, include, null, null);
  }

  public boolean fills() {
    return fillLeft != null || fillRight != null;
  }
}
