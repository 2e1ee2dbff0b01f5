/**
 * The notification log: per aggregation group, what each integration of its receiver was last sent
 * (firing and resolved fingerprints, when) and the alerts the group held, as kept on the compacted
 * {@code notifications.log} topic. Alertmanager's dedup decision ({@link NotifyState#needsUpdate})
 * reads it. No Kafka here; {@code stream.NotificationLogTopic} moves it.
 */
package dev.alerting.notify.nflog;
