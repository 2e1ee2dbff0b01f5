/**
 * The on-call file ({@code INCIDENT_ONCALL_CONFIG}) as validated records: users, schedules,
 * escalation policies and incident grouping, with file:line errors, and the holder that swaps in a
 * reloaded file.
 *
 * <p>Deliberately not here: the service's environment settings ({@code IncidentConfig}).
 */
package dev.alerting.incident.config;
