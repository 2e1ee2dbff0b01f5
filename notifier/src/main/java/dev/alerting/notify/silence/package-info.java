/**
 * Silences: Alertmanager's model (matchers, pending / active / expired, update-in-place or
 * expire-and-replace), an index that checks an alert against few silences, and the {@code Muter}
 * view the notification path uses. Pure: no Kafka, no HTTP; the compacted-topic adapter is {@code
 * stream.SilenceTopic}, the JSON shape {@code SilenceCodec}.
 */
package dev.alerting.notify.silence;
