package dev.alerting.incident.store;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * The store's connection pool at one moment: connections lent out, idle, open in all, the pool's
 * maximum, and requests waiting for a connection (a growing number means the pool is too small or
 * the database too slow).
 */
public record PoolUse(int active, int idle, int total, int max, int pending) {
  public PoolUse {
    if (active < 0 || idle < 0 || total < 0 || max < 0 || pending < 0) {
      throw new IllegalArgumentException("pool counts cannot be negative");
    }
  }

  /** Reads {@code pool}; all zero while the pool is not started or already closed. */
  static PoolUse of(HikariDataSource pool) {
    HikariPoolMXBean bean = pool.isClosed() ? null : pool.getHikariPoolMXBean();
    if (bean == null) {
      return new PoolUse(0, 0, 0, pool.getMaximumPoolSize(), 0);
    }
    return new PoolUse(
        Math.max(0, bean.getActiveConnections()),
        Math.max(0, bean.getIdleConnections()),
        Math.max(0, bean.getTotalConnections()),
        pool.getMaximumPoolSize(),
        Math.max(0, bean.getThreadsAwaitingConnection()));
  }
}
