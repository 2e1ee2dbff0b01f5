/**
 * Prometheus remote_write 1.0 bodies (snappy + protobuf WriteRequest) read into samples; pure, no
 * Vert.x.
 */
package dev.alerting.ingest.remotewrite;
