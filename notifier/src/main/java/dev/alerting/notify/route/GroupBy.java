package dev.alerting.notify.route;

import dev.alerting.model.Labels;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A route's {@code group_by}: the label names whose values split alerts into aggregation groups, or
 * every label ({@code ['...']}), which makes each alert its own group.
 */
public record GroupBy(List<String> names, boolean all) {
  /** Alertmanager's spelling of "group by every label". */
  public static final String ALL = "...";

  public GroupBy {
    names = List.copyOf(names);
    if (all && !names.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot have wildcard group_by (`...`) and other labels at the same time");
    }
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("duplicated label in group_by: " + names);
    }
    for (String n : names) {
      if (!Labels.isValidLabelName(n)) {
        throw new IllegalArgumentException("'" + n + "' is not a valid label name");
      }
    }
  }

  public static GroupBy none() {
    return new GroupBy(List.of(), false);
  }

  public static GroupBy of(List<String> values) {
    if (values.contains(ALL)) {
      if (values.size() != 1) {
        throw new IllegalArgumentException(
            "cannot have wildcard group_by (`...`) and other labels at the same time");
      }
      return new GroupBy(List.of(), true);
    }
    return new GroupBy(values, false);
  }

  /** The group labels of an alert: its values for the grouping names it has. */
  public Labels of(Labels alertLabels) {
    if (all) {
      return alertLabels;
    }
    Map<String, String> m = new TreeMap<>();
    for (String n : names) {
      String v = alertLabels.get(n);
      if (v != null) {
        m.put(n, v);
      }
    }
    return Labels.of(m);
  }

  @Override
  public String toString() {
    return all ? "[...]" : names.toString();
  }
}
