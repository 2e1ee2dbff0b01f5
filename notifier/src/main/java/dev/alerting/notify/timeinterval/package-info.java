/**
 * Alertmanager's {@code time_intervals}: named sets of times, weekdays, days of month, months and
 * years in a time zone, used by routes' {@code mute_time_intervals} and {@code
 * active_time_intervals}. Pure: the instant to test is passed in.
 */
package dev.alerting.notify.timeinterval;
