/**
 * The narrow layer every service shares: topic names ({@code kafka}), Kafka client settings and
 * topic creation, JSON codecs for the event contracts ({@code codec}), validated configuration
 * ({@code config}), and the HTTP surface every service has — health, metrics, problem+json ({@code
 * http}), tracing ({@code trace}: OpenTelemetry set-up and W3C headers on Kafka records) and the
 * JSON log line ({@code log}).
 *
 * <p>Deliberately not here: any service's domain logic (rules, routing, incidents), and anything
 * one service alone needs. Services depend on this module, never on each other.
 */
package dev.alerting.platform;
