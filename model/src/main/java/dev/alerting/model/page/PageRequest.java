package dev.alerting.model.page;

import dev.alerting.model.alert.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request from the incident service to page one person (or receiver) about an incident: deliver
 * {@code alerts} through the notifier receiver named {@code receiver}. {@code pageId} is unique per
 * page and stable across redelivery, so whoever handles it twice can tell.
 *
 * @param pageId unique, stable id of this page
 * @param incidentId the incident paged about (the record key on the pages topic)
 * @param kind trigger (someone must act) or resolve (the incident is over)
 * @param user the user paged; empty when a step names a receiver directly
 * @param receiver the notifier receiver that delivers the page
 * @param title the incident's title
 * @param severity the incident's severity
 * @param step the escalation step (1-based) that paged, 0 for a resolve
 * @param alerts the incident's alerts as the receiver should see them (at least one)
 * @param createdAt when the page was decided
 */
public record PageRequest(
    String pageId,
    long incidentId,
    Kind kind,
    String user,
    String receiver,
    String title,
    String severity,
    int step,
    List<Alert> alerts,
    Instant createdAt) {

  /** Whether the page asks for action or tells that the incident is resolved. */
  public enum Kind {
    TRIGGER,
    RESOLVE;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Kind fromWire(String s) {
      for (Kind k : values()) {
        if (k.wire().equals(s)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown page kind '" + s + "'");
    }
  }

  public PageRequest {
    if (pageId == null || pageId.isBlank()) {
      throw new IllegalArgumentException("page has no id");
    }
    if (incidentId < 1) {
      throw new IllegalArgumentException("page needs a positive incident id");
    }
    Objects.requireNonNull(kind, "kind");
    user = user == null ? "" : user;
    if (receiver == null || receiver.isBlank()) {
      throw new IllegalArgumentException("page has no receiver");
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    alerts = List.copyOf(alerts);
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("page carries no alerts");
    }
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
