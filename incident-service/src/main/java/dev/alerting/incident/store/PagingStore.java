package dev.alerting.incident.store;

import dev.alerting.incident.oncall.ScheduleOverride;
import dev.alerting.model.page.PageOutcome;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Escalation timers, the page outbox and schedule overrides. Every method blocks. */
public interface PagingStore {

  /** One page as it goes to the pages topic. */
  record OutboxRecord(String pageId, String key, String value) {}

  /**
   * Fires up to {@code limit} escalation steps due at {@code now}, each in the same transaction as
   * the pages it writes; answers how many fired.
   */
  int fireDue(Instant now, int limit);

  /**
   * Hands up to {@code limit} unpublished pages to {@code publish}, which returns once Kafka has
   * them or throws; only then are they marked published. A crash in between publishes them again
   * (same page id), never loses one. Answers how many were published.
   */
  int drainOutbox(int limit, Instant now, Consumer<List<OutboxRecord>> publish);

  /**
   * Records a page's outcome in its incident's timeline once; false for a repeat or unknown page.
   */
  boolean recordOutcome(PageOutcome outcome);

  long addOverride(String schedule, ScheduleOverride override, Instant now);

  List<ScheduleOverride> overrides(String schedule);
}
