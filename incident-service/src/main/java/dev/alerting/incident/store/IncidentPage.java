package dev.alerting.incident.store;

import dev.alerting.incident.lifecycle.Incident;
import java.util.List;

/** One page of a listing, newest first, with the number of incidents matching in total. */
public record IncidentPage(List<Incident> items, long total, int limit, int offset) {
  public IncidentPage {
    items = List.copyOf(items);
  }
}
