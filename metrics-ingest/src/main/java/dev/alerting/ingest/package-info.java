/**
 * metrics-ingest: accepts samples over HTTP and answers 2xx only once Kafka has them.
 *
 * <p>{@code sample} is the pure core (validating samples, the all-or-nothing verdict); the format
 * packages {@code remotewrite} (Prometheus remote_write 1.0), {@code exposition} (text format 0.0.4
 * and Pushgateway paths) and {@code influx} (line protocol) are pure parsers into that core; {@code
 * auth} checks bearer tokens; {@code push} is the HTTP and Kafka adapter around them all.
 * Deliberately not here: any reading of the samples topic, remote write 2.0, protobuf exposition,
 * and Pushgateway's storage of groups (pushes are forwarded, not kept).
 */
package dev.alerting.ingest;
