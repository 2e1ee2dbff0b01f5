package dev.alerting.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

@DisplayName("A current span's ids in the logging MDC")
class TraceScopeTest {
  private static final Span SPAN =
      Span.wrap(
          SpanContext.create(
              "4bf92f3577b34da6a3ce929d0e0e4736",
              "00f067aa0ba902b7",
              TraceFlags.getSampled(),
              TraceState.getDefault()));

  @Test
  @DisplayName("are set inside the scope, current there, and gone after it")
  void setAndRestored() {
    try (TraceScope s = TraceScope.of(SPAN)) {
      assertThat(MDC.get("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(MDC.get("span_id")).isEqualTo("00f067aa0ba902b7");
      assertThat(Span.current().getSpanContext()).isEqualTo(SPAN.getSpanContext());
    }
    assertThat(MDC.get("trace_id")).isNull();
    assertThat(MDC.get("span_id")).isNull();
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  @DisplayName("a nested scope restores the outer span's ids")
  void nested() {
    Span inner =
        Span.wrap(
            SpanContext.create(
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "1111111111111111",
                TraceFlags.getSampled(),
                TraceState.getDefault()));
    try (TraceScope outer = TraceScope.of(SPAN)) {
      try (TraceScope in = TraceScope.of(inner)) {
        assertThat(MDC.get("span_id")).isEqualTo("1111111111111111");
      }
      assertThat(MDC.get("span_id")).isEqualTo("00f067aa0ba902b7");
    }
  }

  @Test
  @DisplayName("tracing off (an invalid span) touches nothing")
  void offTouchesNothing() {
    MDC.put("trace_id", "kept");
    try (TraceScope s = TraceScope.of(Span.getInvalid())) {
      assertThat(MDC.get("trace_id")).isEqualTo("kept");
    } finally {
      MDC.remove("trace_id");
    }
  }
}
