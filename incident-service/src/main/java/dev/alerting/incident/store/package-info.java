/**
 * The incident database: one JDBC implementation for PostgreSQL and embedded H2 (PostgreSQL mode),
 * the same Flyway migrations for both, and a HikariCP pool. Every method blocks; callers run it on
 * a worker thread. On PostgreSQL several instances share one database: the database keeps one
 * active incident per alert group (a unique index) and hands each due escalation step to one
 * instance (row locks, {@code SKIP LOCKED}); H2 serves one instance.
 *
 * <p>Deliberately not here: lifecycle rules (they live in {@code lifecycle}), and vendor-specific
 * SQL outside {@code Dialect} and the one migration placeholder.
 */
package dev.alerting.incident.store;
