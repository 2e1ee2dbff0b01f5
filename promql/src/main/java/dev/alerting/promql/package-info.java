/**
 * A PromQL subset: parsing (with positions in errors), and evaluation at an instant over the
 * samples a {@code SeriesSource} holds, with Prometheus's lookback, staleness and extrapolation.
 *
 * <p>Deliberately not here: rules, alert state, Kafka or Vert.x. The rule engine drives this core.
 */
package dev.alerting.promql;
