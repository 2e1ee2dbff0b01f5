/**
 * The pure incident core: the incident model, correlation of alert events to incidents, and the
 * lifecycle transitions (acknowledge, resolve, assign). Every function takes the current time as an
 * argument.
 *
 * <p>Deliberately not here: Vert.x, Kafka or JDBC types, id allocation (the store assigns ids), and
 * redelivery detection (the store remembers which events it has applied).
 */
package dev.alerting.incident.lifecycle;
