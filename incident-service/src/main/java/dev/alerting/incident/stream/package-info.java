/**
 * Consumes the {@code alerts} topic: decodes each event, applies it to the store in its own
 * transaction, and commits offsets only for events whose transaction committed.
 *
 * <p>Deliberately not here: correlation rules (in {@code lifecycle}); nothing is produced.
 */
package dev.alerting.incident.stream;
