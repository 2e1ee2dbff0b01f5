/** Influx line protocol (v1 and v2 write APIs) read into samples; pure, no Vert.x. */
package dev.alerting.ingest.influx;
