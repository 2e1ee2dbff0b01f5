/**
 * The suite's domain vocabulary as plain, validating records: labels and their fingerprint, label
 * matchers, samples, alerts and incidents.
 *
 * <p>Deliberately not here: JSON, Kafka, Vert.x or any I/O. Codecs for these records live in the
 * platform module; behaviour (evaluation, routing, incident lifecycle) lives in the services.
 */
package dev.alerting.model;
