package dev.alerting.ingest.sample;

/** One invalid sample of a request: its position, a category and a reason a client can act on. */
public record SampleError(int index, RejectReason category, String reason) {}
