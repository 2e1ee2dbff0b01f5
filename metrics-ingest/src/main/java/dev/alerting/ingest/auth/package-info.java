/**
 * Optional bearer-token authentication of the push endpoints. Deliberately not here: users, roles,
 * per-tenant limits, or any protection of health and metrics, which stay open for probes and
 * scrapers.
 */
package dev.alerting.ingest.auth;
