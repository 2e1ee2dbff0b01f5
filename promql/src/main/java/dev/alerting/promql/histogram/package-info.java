/**
 * Native histogram arithmetic and estimates as Prometheus 3's {@code FloatHistogram} and engine do
 * them: sums across schemas, zero thresholds and custom bounds, reset detection, quantiles,
 * fractions, variance and trimming.
 *
 * <p>Deliberately not here: the histogram value type (it is the model's {@code FloatHistogram}) and
 * which PromQL function or operator applies what (the {@code function}, {@code aggregation} and
 * {@code binary} packages decide).
 */
package dev.alerting.promql.histogram;
