/**
 * Who is on call: schedules of rotation layers in a time zone, with overrides on top; who is on
 * call at an instant and the shifts of a range. Pure: every question takes its instant.
 *
 * <p>Deliberately not here: escalation (which schedule to page and when, in {@code escalation}),
 * storage of overrides, and reading the YAML (in {@code config}).
 */
package dev.alerting.incident.oncall;
