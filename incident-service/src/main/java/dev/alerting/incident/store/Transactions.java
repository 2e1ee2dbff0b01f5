package dev.alerting.incident.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** The connection pool, and one way to run work in a transaction on it. */
final class Transactions {
  private final HikariDataSource pool;

  Transactions(HikariDataSource pool) {
    this.pool = pool;
  }

  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Commits when {@code work} returns, rolls back when it throws (SQL or a lifecycle conflict). */
  <T> T run(Work<T> work) {
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

  PoolUse poolUse() {
    return PoolUse.of(pool);
  }

  void close() {
    pool.close();
  }
}
