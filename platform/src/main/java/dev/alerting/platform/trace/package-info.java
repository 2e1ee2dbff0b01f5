/**
 * Tracing shared by every service: the OpenTelemetry SDK built from the standard {@code OTEL_*}
 * variables (off unless an exporter or endpoint is named), one {@link
 * dev.alerting.platform.trace.Tracing} per service, W3C {@code traceparent} in Kafka record headers
 * ({@link dev.alerting.platform.trace.TraceHeaders}), and the rule that picks a span's parent when
 * one unit of work has many causes ({@link dev.alerting.platform.trace.Causes}).
 *
 * <p>Deliberately not here: what a service's spans are called or carry; each service names its own
 * spans where the work happens.
 */
package dev.alerting.platform.trace;
