/**
 * The incident service: consumes alert events, turns them into incidents with a lifecycle and a
 * timeline, stores them in PostgreSQL or embedded H2, and serves them over a REST API.
 *
 * <p>Deliberately not here yet: escalation policies and notifications about incidents; the notifier
 * owns notifications about alerts.
 */
package dev.alerting.incident;
