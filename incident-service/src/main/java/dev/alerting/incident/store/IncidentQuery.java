package dev.alerting.incident.store;

import dev.alerting.incident.lifecycle.IncidentStatus;
import java.util.List;
import java.util.Objects;

/**
 * A page of incidents to list: every filter given must match (a list filter matches any of its
 * values; every label pair must be on the incident). Empty lists and a null assignee mean "any".
 */
public record IncidentQuery(
    List<IncidentStatus> statuses,
    List<String> severities,
    String assignee,
    List<LabelFilter> labels,
    int limit,
    int offset) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** An exact label match, {@code name:value} in the API. */
  public record LabelFilter(String name, String value) {
    public LabelFilter {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  public IncidentQuery {
    statuses = List.copyOf(statuses);
    severities = List.copyOf(severities);
    labels = List.copyOf(labels);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
  }

  /** Everything, newest first, first page. */
  public static IncidentQuery all() {
    return new IncidentQuery(List.of(), List.of(), null, List.of(), DEFAULT_LIMIT, 0);
  }
}
