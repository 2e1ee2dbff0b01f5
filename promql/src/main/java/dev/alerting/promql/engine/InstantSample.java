package dev.alerting.promql.engine;

import dev.alerting.model.Labels;

/**
 * One element of an instant vector. {@code timestamp} is the sample's own time when it came
 * straight from a selector (what {@code timestamp()} reports) and the evaluation time otherwise.
 */
public record InstantSample(Labels labels, double value, long timestamp) {}
