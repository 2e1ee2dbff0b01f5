package dev.alerting.incident.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.alerting.incident.config.OnCallConfig;
import dev.alerting.incident.lifecycle.Correlation;
import dev.alerting.incident.lifecycle.Incident;
import dev.alerting.incident.lifecycle.Lifecycle;
import dev.alerting.incident.lifecycle.Transition;
import dev.alerting.model.alert.Alert;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The incident store over JDBC: the same SQL for PostgreSQL and H2 in PostgreSQL mode. Each public
 * method is one transaction; lifecycle decisions are made by the pure core with the incident row
 * locked, so an API action and an alert event on the same incident never overwrite each other.
 */
public final class JdbcIncidentStore implements IncidentStore {
  private final Transactions tx;
  private final Supplier<OnCallConfig> config;
  private final Escalations escalations;
  private final Clock clock;
  private final Dialect dialect;

  private JdbcIncidentStore(
      HikariDataSource pool, Dialect dialect, Supplier<OnCallConfig> config, Clock clock) {
    this.tx = new Transactions(pool);
    this.dialect = dialect;
    this.config = config;
    this.escalations = new Escalations(config, dialect);
    this.clock = clock;
  }

  /** Connects and migrates; no on-call configuration (nobody is paged). Blocks. */
  public static JdbcIncidentStore open(StoreSettings settings) {
    return open(settings, OnCallConfig::empty, Clock.systemUTC());
  }

  /**
   * Connects, migrates the schema, and answers the ready store, which reads the current on-call
   * configuration from {@code config} at each use (so a reload takes effect at once). Blocks.
   */
  public static JdbcIncidentStore open(
      StoreSettings settings, Supplier<OnCallConfig> config, Clock clock) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(settings.url());
    hc.setUsername(settings.user());
    hc.setPassword(settings.password());
    hc.setMaximumPoolSize(settings.poolSize());
    hc.setPoolName("incident-store");
    hc.setConnectionTimeout(5_000);
    hc.setInitializationFailTimeout(10_000);
    Dialect dialect = Dialect.of(settings);
    if (dialect == Dialect.POSTGRES) {
      // The driver sends a JDBC batch of INSERTs as multi-row INSERTs: the batch writes per poll.
      hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + settings.url() + ": " + e.getMessage(), e);
    }
    try {
      Migrations.migrate(settings);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new JdbcIncidentStore(pool, dialect, config, clock);
  }

  /** Escalation timers, the page outbox and overrides, on the same database. */
  public PagingStore paging() {
    return new JdbcPagingStore(tx, escalations);
  }

  @Override
  public Correlation.Outcome applyAlert(Alert alert, Instant now) {
    return applyAlerts(List.of(alert), now).get(0);
  }

  @Override
  public List<Correlation.Outcome> applyAlerts(List<Alert> alerts, Instant now) {
    OnCallConfig cfg = config.get();
    return tx.run(c -> AlertBatch.apply(c, dialect, cfg, escalations, alerts, now));
  }

  /** What makes two deliveries the same event. */
  static String eventKey(Alert a) {
    return a.fingerprint()
        + "|"
        + a.status().wire()
        + "|"
        + a.startsAt()
        + "|"
        + (a.endsAt() == null ? "" : a.endsAt().toString());
  }

  @Override
  public Optional<Incident> find(long id) {
    return tx.run(c -> IncidentRows.load(c, id, false));
  }

  @Override
  public IncidentPage list(IncidentQuery q) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (!q.statuses().isEmpty()) {
      where
          .append(" AND i.status IN (")
          .append(IncidentRows.marks(q.statuses().size()))
          .append(')');
      q.statuses().forEach(s -> args.add(s.wire()));
    }
    if (!q.severities().isEmpty()) {
      where
          .append(" AND i.severity IN (")
          .append(IncidentRows.marks(q.severities().size()))
          .append(')');
      args.addAll(q.severities());
    }
    if (q.assignee() != null) {
      where.append(" AND i.assignee = ?");
      args.add(q.assignee());
    }
    for (IncidentQuery.LabelFilter l : q.labels()) {
      where.append(
          " AND EXISTS (SELECT 1 FROM incident_label l WHERE l.incident_id = i.id"
              + " AND l.label_name = ? AND l.label_value = ?)");
      args.add(l.name());
      args.add(l.value());
    }
    return tx.run(
        c -> {
          long total;
          try (PreparedStatement p =
              c.prepareStatement("SELECT COUNT(*) FROM incident i" + where)) {
            bind(p, args);
            try (ResultSet r = p.executeQuery()) {
              r.next();
              total = r.getLong(1);
            }
          }
          List<Long> ids = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT i.id FROM incident i"
                      + where
                      + " ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?")) {
            bind(p, args);
            p.setInt(args.size() + 1, q.limit());
            p.setInt(args.size() + 2, q.offset());
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                ids.add(r.getLong(1));
              }
            }
          }
          return new IncidentPage(IncidentRows.loadAll(c, ids), total, q.limit(), q.offset());
        });
  }

  @Override
  public Optional<Transition> change(long id, Function<Incident, Transition> action) {
    return tx.run(
        c -> {
          Optional<Incident> current = IncidentRows.load(c, id, true);
          if (current.isEmpty()) {
            return Optional.empty();
          }
          Transition t = action.apply(current.get());
          if (!t.changed()) {
            return Optional.of(t);
          }
          Incident after =
              escalations.transitioned(c, current.get(), t.incident(), clock.instant());
          IncidentRows.update(c, current.get(), after);
          return Optional.of(new Transition(after, true));
        });
  }

  @Override
  public Optional<Lifecycle.Merge> merge(long id, long into, String by, Instant now) {
    return tx.run(
        c -> {
          // Locked in id order, so two opposite merges cannot deadlock.
          Optional<Incident> first = IncidentRows.load(c, Math.min(id, into), true);
          Optional<Incident> second = IncidentRows.load(c, Math.max(id, into), true);
          if (first.isEmpty() || second.isEmpty()) {
            return Optional.empty();
          }
          Incident source = id < into ? first.get() : second.get();
          Incident target = id < into ? second.get() : first.get();
          Lifecycle.Merge m = Lifecycle.merge(source, target, by, now);
          Incident from = escalations.transitioned(c, source, m.source(), now);
          IncidentRows.update(c, source, from);
          CorrelationRows.markMerged(c, source.id(), target.id());
          IncidentRows.update(c, target, m.target());
          return Optional.of(new Lifecycle.Merge(from, m.target()));
        });
  }

  @Override
  public List<IncidentEvent> eventsAfter(long seq, int limit) {
    return tx.run(c -> EventRows.after(c, seq, limit));
  }

  @Override
  public long lastEventSeq() {
    return tx.run(EventRows::last);
  }

  @Override
  public java.util.Map<String, Long> openBySeverity() {
    return tx.run(
        c -> {
          java.util.Map<String, Long> out = new java.util.HashMap<>();
          try (PreparedStatement p =
                  c.prepareStatement(
                      "SELECT severity, COUNT(*) FROM incident WHERE status <> 'resolved' "
                          + "GROUP BY severity");
              ResultSet r = p.executeQuery()) {
            while (r.next()) {
              out.put(r.getString(1), r.getLong(2));
            }
          }
          return out;
        });
  }

  @Override
  public void ping() {
    tx.run(IncidentRows::ping);
  }

  @Override
  public void close() {
    tx.close();
  }

  /** The connection pool's use now (for health and metrics); does not block. */
  public PoolUse poolUse() {
    return tx.poolUse();
  }

  private static void bind(PreparedStatement p, List<Object> args) throws SQLException {
    for (int k = 0; k < args.size(); k++) {
      p.setObject(k + 1, args.get(k));
    }
  }
}
