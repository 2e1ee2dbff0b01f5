/**
 * The incident database: one JDBC implementation for PostgreSQL and embedded H2 (PostgreSQL mode),
 * the same Flyway migrations for both, and a HikariCP pool. Every method blocks; callers run it on
 * a worker thread.
 *
 * <p>Deliberately not here: lifecycle rules (they live in {@code lifecycle}) and vendor-specific
 * SQL.
 */
package dev.alerting.incident.store;
