package dev.alerting.incident;

import dev.alerting.incident.config.OnCallConfig;
import dev.alerting.incident.config.OnCallSource;
import dev.alerting.incident.oncall.Schedule;
import dev.alerting.incident.oncall.ScheduleOverride;
import dev.alerting.incident.oncall.Shift;
import dev.alerting.incident.store.PagingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the on-call API can ask, as futures: schedules from the current configuration with the
 * stored overrides applied (read on a worker), and the configuration itself.
 */
public final class OnCall {
  /** Who a schedule has on call at an instant; {@code shift} empty when nobody. */
  public record Entry(String schedule, Optional<Shift> shift) {}

  private final Vertx vertx;
  private final OnCallSource source;
  private final PagingStore store;
  private final Clock clock;

  public OnCall(Vertx vertx, OnCallSource source, PagingStore store, Clock clock) {
    this.vertx = vertx;
    this.source = source;
    this.store = store;
    this.clock = clock;
  }

  public OnCallConfig config() {
    return source.get();
  }

  public Future<List<Entry>> at(Instant t) {
    OnCallConfig cfg = source.get();
    return vertx.executeBlocking(
        () -> {
          List<Entry> out = new ArrayList<>();
          for (String name : new TreeMap<>(cfg.schedules()).keySet()) {
            out.add(new Entry(name, effective(cfg, name).orElseThrow().onCall(t)));
          }
          return out;
        },
        false);
  }

  /** The shifts of {@code [from, to)}; empty when there is no such schedule. */
  public Future<Optional<List<Shift>>> shifts(String name, Instant from, Instant to) {
    OnCallConfig cfg = source.get();
    return vertx.executeBlocking(() -> effective(cfg, name).map(s -> s.shifts(from, to)), false);
  }

  /** Stores an override; the schedule and user must exist (checked by the caller's config). */
  public Future<Long> addOverride(String schedule, ScheduleOverride o) {
    return vertx.executeBlocking(() -> store.addOverride(schedule, o, clock.instant()), false);
  }

  /** Reads the file again; fails with the file:line error and keeps the old config when bad. */
  public Future<OnCallConfig> reload() {
    return vertx.executeBlocking(source::reload, false);
  }

  private Optional<Schedule> effective(OnCallConfig cfg, String name) {
    Schedule s = cfg.schedules().get(name);
    return s == null ? Optional.empty() : Optional.of(s.withOverrides(store.overrides(name)));
  }
}
