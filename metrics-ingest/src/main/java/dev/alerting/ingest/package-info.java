/**
 * metrics-ingest: accepts samples over HTTP and answers 2xx only once Kafka has them.
 *
 * <p>{@code sample} is the pure core (parsing and validating a push body); {@code push} is the
 * HTTP and Kafka adapter around it. Deliberately not here: any reading of the samples topic, and
 * any format other than the native JSON push (remote_write, text exposition, Influx come later).
 */
package dev.alerting.ingest;
