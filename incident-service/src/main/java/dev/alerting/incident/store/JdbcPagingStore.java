package dev.alerting.incident.store;

import dev.alerting.incident.lifecycle.Incident;
import dev.alerting.incident.lifecycle.Paging;
import dev.alerting.incident.oncall.ScheduleOverride;
import dev.alerting.model.page.PageOutcome;
import dev.alerting.platform.codec.PageCodec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The paging side of the incident database, sharing the incident store's pool. */
final class JdbcPagingStore implements PagingStore {
  private final Transactions tx;
  private final Escalations escalations;

  JdbcPagingStore(Transactions tx, Escalations escalations) {
    this.tx = tx;
    this.escalations = escalations;
  }

  @Override
  public int fireDue(Instant now, int limit) {
    return tx.run(c -> escalations.fireDue(c, now, limit));
  }

  @Override
  public int drainOutbox(int limit, Instant now, Consumer<List<OutboxRecord>> publish) {
    return tx.run(
        c -> {
          List<PageRows.Row> rows = PageRows.claimUnpublished(c, limit);
          if (rows.isEmpty()) {
            return 0;
          }
          publish.accept(
              rows.stream()
                  .map(
                      r -> new OutboxRecord(r.pageId(), PageCodec.key(r.incidentId()), r.payload()))
                  .toList());
          PageRows.markPublished(c, rows, now);
          return rows.size();
        });
  }

  @Override
  public boolean recordOutcome(PageOutcome o) {
    return tx.run(
        c -> {
          Optional<Incident> incident = IncidentRows.load(c, o.incidentId(), true);
          if (incident.isEmpty()) {
            return false;
          }
          Optional<String[]> page =
              PageRows.complete(c, o.pageId(), o.result().wire(), o.detail(), o.at());
          if (page.isEmpty()) {
            return false;
          }
          String[] p = page.get();
          String whom =
              (p[0].isEmpty() ? "receiver " + p[1] : p[0] + " via " + p[1])
                  + ("resolve".equals(p[2]) ? " (resolve)" : "");
          Incident after =
              Paging.outcome(
                  incident.get(),
                  whom,
                  o.result() == PageOutcome.Result.DELIVERED,
                  o.detail(),
                  o.at());
          IncidentRows.update(c, incident.get(), after);
          return true;
        });
  }

  @Override
  public long addOverride(String schedule, ScheduleOverride override, Instant now) {
    return tx.run(c -> OverrideRows.insert(c, schedule, override, now));
  }

  @Override
  public List<ScheduleOverride> overrides(String schedule) {
    return tx.run(c -> OverrideRows.forSchedule(c, schedule));
  }
}
