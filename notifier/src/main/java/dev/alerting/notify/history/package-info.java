/**
 * What became of notifications: the recent deliveries per receiver and group key, and the dead
 * letters (notifications that failed for good) kept on a compacted topic until re-sent. Holds no
 * delivery logic; the receiver's Sender reports into it.
 */
package dev.alerting.notify.history;
