/**
 * Escalation policies: which policy an incident follows (first match wins), its steps and targets,
 * and which step is due when. Pure: the running state (position, due time) is the caller's.
 *
 * <p>Deliberately not here: who is on call (in {@code oncall}), timers and pages (the store and
 * {@code stream} run them from the database).
 */
package dev.alerting.incident.escalation;
