package dev.alerting.platform.trace;

import io.opentelemetry.api.trace.SpanContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parent of a span for work that several records caused (a poll of samples, a group flush).
 * When every traced cause belongs to one trace — the common case, one ingest request — the span is
 * a child of the latest of them, so the request stays one trace. When the causes span several
 * traces, no single parent is right: the span starts its own trace and links to each cause (at most
 * {@link #MAX_LINKS}), as OpenTelemetry's messaging conventions do for batches.
 */
public record Causes(SpanContext parent, List<SpanContext> links) {
  /** Links kept for one span; a poll of thousands of samples links to the first ones only. */
  public static final int MAX_LINKS = 32;

  public static final Causes NONE = new Causes(SpanContext.getInvalid(), List.of());

  public Causes {
    if (parent == null) {
      throw new IllegalArgumentException("parent may be invalid, not null");
    }
    links = List.copyOf(links);
  }

  /** Picks the parent or the links from the contexts of the records that caused the work. */
  public static Causes of(Collection<SpanContext> contexts) {
    Map<String, SpanContext> latestByTrace = new LinkedHashMap<>();
    for (SpanContext c : contexts) {
      if (c != null && c.isValid()) {
        latestByTrace.remove(c.getTraceId());
        latestByTrace.put(c.getTraceId(), c);
      }
    }
    if (latestByTrace.isEmpty()) {
      return NONE;
    }
    List<SpanContext> traces = new ArrayList<>(latestByTrace.values());
    if (traces.size() == 1) {
      return new Causes(traces.get(0), List.of());
    }
    return new Causes(
        SpanContext.getInvalid(), traces.subList(0, Math.min(MAX_LINKS, traces.size())));
  }

  /** Whether the span continues one trace (rather than starting one). */
  public boolean hasParent() {
    return parent.isValid();
  }
}
