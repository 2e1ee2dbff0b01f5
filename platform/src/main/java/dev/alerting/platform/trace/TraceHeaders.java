package dev.alerting.platform.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * W3C Trace Context ({@code traceparent}, {@code tracestate}) in Kafka record headers and HTTP
 * headers. Always W3C, whatever {@code OTEL_PROPAGATORS} says: the headers on our topics are a
 * contract between our services. A missing or malformed header yields an invalid context (the work
 * starts a new trace); it never fails the record.
 */
public final class TraceHeaders {
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<Function<String, String>> LOOKUP =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
          return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
          return carrier == null ? null : carrier.apply(key);
        }
      };

  private static final TextMapSetter<BiConsumer<String, String>> PUT =
      (carrier, key, value) -> {
        if (carrier != null) {
          carrier.accept(key, value);
        }
      };

  private TraceHeaders() {}

  /** The span context in a Kafka record's headers; invalid when absent or malformed. */
  public static SpanContext extract(Headers headers) {
    if (headers == null) {
      return SpanContext.getInvalid();
    }
    return extract(key -> lastValue(headers, key));
  }

  /**
   * The span context in headers read by name (an HTTP request's); invalid when absent or malformed.
   */
  public static SpanContext extract(Function<String, String> lookup) {
    return Span.fromContext(W3C.extract(Context.root(), lookup, LOOKUP)).getSpanContext();
  }

  /** Writes {@code span}'s context as headers through {@code put}; nothing for an invalid span. */
  public static void inject(Span span, BiConsumer<String, String> put) {
    if (span.getSpanContext().isValid()) {
      W3C.inject(Context.root().with(span), put, PUT);
    }
  }

  /** Replaces the trace headers of a Kafka record with {@code span}'s context. */
  public static void inject(Span span, Headers headers) {
    inject(
        span,
        (key, value) -> {
          headers.remove(key);
          headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        });
  }

  private static String lastValue(Headers headers, String key) {
    Header h = headers.lastHeader(key);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
