package dev.alerting.incident.lifecycle;

import dev.alerting.incident.escalation.DueStep;
import dev.alerting.incident.escalation.Pager;
import java.time.Instant;
import java.util.List;

/**
 * What escalation does to an incident's record: a timeline line per step, per page and per delivery
 * outcome, and the first user paged as assignee when nobody owns the incident yet (the seed's
 * auto-assignment of critical incidents to the on-call engineer).
 */
public final class Paging {
  private Paging() {}

  /** Records a fired step and its pages; assigns the first user paged if there is no assignee. */
  public static Incident stepFired(
      Incident incident, String policy, DueStep due, Pager.Fired fired, Instant now) {
    Incident next =
        incident.withEntry(
            system(
                now,
                TimelineEntry.ESCALATED,
                "escalation policy "
                    + policy
                    + " step "
                    + due.number()
                    + (due.round() > 0 ? " (repeat " + due.round() + ")" : "")
                    + ": notifying "
                    + due.step().targets()));
    for (Pager.Page p : fired.pages()) {
      next =
          next.withEntry(
              system(
                  now,
                  TimelineEntry.PAGED,
                  "paged "
                      + (p.user().isEmpty() ? "receiver " + p.receiver() : p.user())
                      + " via "
                      + p.receiver()
                      + " ("
                      + p.target()
                      + ")"));
    }
    for (String note : fired.unreached()) {
      next = next.withEntry(system(now, TimelineEntry.PAGED, "not paged: " + note));
    }
    if (next.assignee() == null) {
      String first =
          fired.pages().stream()
              .map(Pager.Page::user)
              .filter(u -> !u.isEmpty())
              .findFirst()
              .orElse(null);
      if (first != null) {
        next =
            next.assignedTo(first)
                .withEntry(
                    system(
                        now,
                        TimelineEntry.ASSIGNED,
                        "auto-assigned to " + first + " (first paged)"));
      }
    }
    return next;
  }

  /** Records that the chain ran out without an acknowledgement. */
  public static Incident exhausted(Incident incident, String policy, Instant now) {
    return incident.withEntry(
        system(
            now,
            TimelineEntry.ESCALATION_ENDED,
            "escalation policy " + policy + " ran out of steps without an acknowledgement"));
  }

  /** Records why escalation stopped (acknowledged, resolved, merged). */
  public static Incident stopped(Incident incident, String why, Instant now) {
    return incident.withEntry(
        system(now, TimelineEntry.ESCALATION_ENDED, "escalation stopped: " + why));
  }

  /** Records the resolve notifications sent to everyone paged. */
  public static Incident resolveSent(Incident incident, List<String> whom, Instant now) {
    return incident.withEntry(
        system(now, TimelineEntry.PAGED, "resolve sent to " + String.join(", ", whom)));
  }

  /** Records the notifier's answer about one page. */
  public static Incident outcome(
      Incident incident, String whom, boolean delivered, String detail, Instant at) {
    return incident.withEntry(
        system(
            at,
            delivered ? TimelineEntry.PAGE_DELIVERED : TimelineEntry.PAGE_FAILED,
            "page to "
                + whom
                + (delivered
                    ? " delivered"
                    : " failed" + (detail.isEmpty() ? "" : ": " + detail))));
  }

  private static TimelineEntry system(Instant at, String type, String message) {
    return new TimelineEntry(at, type, TimelineEntry.SYSTEM, Bounds.cut(message, Bounds.MESSAGE));
  }
}
