/**
 * The REST API under {@code /api/v1/incidents}: listing with filters and pagination, one incident,
 * and the acknowledge, resolve and assign actions. Errors are problem+json naming the parameter.
 *
 * <p>Deliberately not here: lifecycle rules (in {@code lifecycle}) and SQL (in {@code store}).
 */
package dev.alerting.incident.api;
