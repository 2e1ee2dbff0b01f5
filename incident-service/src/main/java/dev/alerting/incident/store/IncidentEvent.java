package dev.alerting.incident.store;

import java.time.Instant;

/**
 * One change of an incident as the stream shows it: {@code seq} orders all changes, {@code type} is
 * created, updated, escalated, acknowledged or resolved, {@code data} a JSON summary.
 */
public record IncidentEvent(long seq, long incidentId, String type, Instant at, String data) {}
