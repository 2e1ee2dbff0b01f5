package dev.alerting.promql.ast;

import java.util.List;

/**
 * How two instant vectors are matched: by {@code on} or {@code ignoring} labels, with cardinality
 * and group_x extra labels.
 */
public record VectorMatching(
    Cardinality card, List<String> labels, boolean on, List<String> include) {

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
}
