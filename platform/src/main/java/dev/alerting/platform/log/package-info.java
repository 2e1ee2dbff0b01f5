/**
 * The JSON log line every service writes on stdout ({@link
 * dev.alerting.platform.log.JsonLogEncoder}, wired in {@code logback.xml}).
 *
 * <p>Deliberately not here: what services log; only the shape of a line.
 */
package dev.alerting.platform.log;
