package dev.alerting.promql.histogram;

/** One bucket of a histogram with its bounds, as Prometheus's bucket iterators yield it. */
public record Bucket(double lower, double upper, double count) {}
