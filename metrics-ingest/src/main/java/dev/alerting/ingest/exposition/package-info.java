/**
 * The Prometheus text exposition format 0.0.4 and Pushgateway grouping-key paths; pure, no Vert.x.
 */
package dev.alerting.ingest.exposition;
