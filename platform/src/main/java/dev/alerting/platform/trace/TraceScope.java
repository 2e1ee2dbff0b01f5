package dev.alerting.platform.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/**
 * Makes a span current on this thread and puts its ids in the logging MDC ({@code trace_id}, {@code
 * span_id}), so log lines written meanwhile carry them; closing restores what was there. Vert.x
 * callbacks run later on other stacks: each opens its own scope where it logs.
 */
public final class TraceScope implements AutoCloseable {
  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";

  private final Scope scope;
  private final String previousTrace;
  private final String previousSpan;
  private final boolean set;

  private TraceScope(Span span) {
    SpanContext c = span.getSpanContext();
    this.set = c.isValid();
    this.scope = set ? span.makeCurrent() : Scope.noop();
    this.previousTrace = set ? MDC.get(TRACE_ID) : null;
    this.previousSpan = set ? MDC.get(SPAN_ID) : null;
    if (set) {
      MDC.put(TRACE_ID, c.getTraceId());
      MDC.put(SPAN_ID, c.getSpanId());
    }
  }

  /** Opens a scope for {@code span}; a no-op for a span that is not recording (tracing off). */
  public static TraceScope of(Span span) {
    return new TraceScope(span);
  }

  @Override
  public void close() {
    if (!set) {
      return;
    }
    scope.close();
    restore(TRACE_ID, previousTrace);
    restore(SPAN_ID, previousSpan);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
