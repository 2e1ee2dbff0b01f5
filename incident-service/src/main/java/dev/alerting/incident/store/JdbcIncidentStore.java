package dev.alerting.incident.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.alerting.incident.lifecycle.Correlation;
import dev.alerting.incident.lifecycle.Incident;
import dev.alerting.incident.lifecycle.Transition;
import dev.alerting.model.alert.Alert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The incident store over JDBC: the same SQL for PostgreSQL and H2 in PostgreSQL mode. Each public
 * method is one transaction; lifecycle decisions are made by the pure core with the incident row
 * locked, so an API action and an alert event on the same incident never overwrite each other.
 */
public final class JdbcIncidentStore implements IncidentStore {
  private final HikariDataSource pool;

  private JdbcIncidentStore(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Connects, migrates the schema, and answers the ready store. Blocks. */
  public static JdbcIncidentStore open(StoreSettings settings) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(settings.url());
    hc.setUsername(settings.user());
    hc.setPassword(settings.password());
    hc.setMaximumPoolSize(settings.poolSize());
    hc.setPoolName("incident-store");
    hc.setConnectionTimeout(5_000);
    hc.setInitializationFailTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + settings.url() + ": " + e.getMessage(), e);
    }
    try {
      Migrations.migrate(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new JdbcIncidentStore(pool);
  }

  @Override
  public Correlation.Outcome applyAlert(Alert alert, Instant now) {
    return inTransaction(
        c -> {
          if (!IncidentRows.recordEvent(c, eventKey(alert), alert.fingerprint(), now)) {
            return new Correlation.Ignored(Correlation.Reason.DUPLICATE);
          }
          Optional<Long> latestId = IncidentRows.latestWith(c, alert.fingerprint());
          Optional<Incident> latest =
              latestId.isPresent() ? IncidentRows.load(c, latestId.get(), true) : Optional.empty();
          Correlation.Outcome outcome = Correlation.apply(latest, alert, now);
          if (outcome instanceof Correlation.Opened opened) {
            return new Correlation.Opened(IncidentRows.insert(c, opened.incident()));
          }
          if (outcome instanceof Correlation.Updated updated) {
            IncidentRows.update(c, latest.orElseThrow(), updated.incident());
          }
          return outcome;
        });
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
    return inTransaction(c -> IncidentRows.load(c, id, false));
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
    return inTransaction(
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
    return inTransaction(
        c -> {
          Optional<Incident> current = IncidentRows.load(c, id, true);
          if (current.isEmpty()) {
            return Optional.empty();
          }
          Transition t = action.apply(current.get());
          if (t.changed()) {
            IncidentRows.update(c, current.get(), t.incident());
          }
          return Optional.of(t);
        });
  }

  @Override
  public void ping() {
    inTransaction(IncidentRows::ping);
  }

  @Override
  public void close() {
    pool.close();
  }

  private static void bind(PreparedStatement p, List<Object> args) throws SQLException {
    for (int k = 0; k < args.size(); k++) {
      p.setObject(k + 1, args.get(k));
    }
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Commits when {@code work} returns, rolls back when it throws (SQL or a lifecycle conflict). */
  private <T> T inTransaction(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("incident store: " + e.getMessage(), e);
    }
  }
}
