/**
 * Consumes the {@code alerts} topic: decodes each poll's events, applies them to the store in one
 * transaction (event by event when that fails), and commits offsets only for events whose
 * transaction committed.
 *
 * <p>Deliberately not here: correlation rules (in {@code lifecycle}); nothing is produced.
 */
package dev.alerting.incident.stream;
