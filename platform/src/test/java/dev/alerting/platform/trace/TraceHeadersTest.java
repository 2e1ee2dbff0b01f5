package dev.alerting.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("W3C traceparent in Kafka record headers")
class TraceHeadersTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";
  private static final SpanContext SAMPLED =
      SpanContext.createFromRemoteParent(
          TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault());

  @Test
  @DisplayName("a span context written to record headers reads back with the same ids and flags")
  void roundTrip() {
    Headers headers = new RecordHeaders();
    TraceHeaders.inject(Span.wrap(SAMPLED), headers);

    assertThat(value(headers, "traceparent")).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
    SpanContext read = TraceHeaders.extract(headers);
    assertThat(read.isValid()).isTrue();
    assertThat(read.isRemote()).isTrue();
    assertThat(read.getTraceId()).isEqualTo(TRACE);
    assertThat(read.getSpanId()).isEqualTo(SPAN);
    assertThat(read.isSampled()).isTrue();
  }

  @Test
  @DisplayName("tracestate travels with traceparent, and an unsampled flag stays unsampled")
  void traceStateAndFlags() {
    SpanContext ctx =
        SpanContext.createFromRemoteParent(
            TRACE, SPAN, TraceFlags.getDefault(), TraceState.builder().put("vendor", "x1").build());
    Headers headers = new RecordHeaders();
    TraceHeaders.inject(Span.wrap(ctx), headers);

    SpanContext read = TraceHeaders.extract(headers);
    assertThat(read.isSampled()).isFalse();
    assertThat(read.getTraceState().get("vendor")).isEqualTo("x1");
    assertThat(value(headers, "tracestate")).isEqualTo("vendor=x1");
  }

  @Test
  @DisplayName("writing again replaces the record's traceparent instead of adding a second one")
  void replaces() {
    Headers headers = new RecordHeaders();
    headers.add(
        "traceparent", "00-11111111111111111111111111111111-2222222222222222-01".getBytes());
    headers.add("other", "kept".getBytes());
    TraceHeaders.inject(Span.wrap(SAMPLED), headers);

    assertThat(headers.headers("traceparent")).hasSize(1);
    assertThat(TraceHeaders.extract(headers).getSpanId()).isEqualTo(SPAN);
    assertThat(value(headers, "other")).isEqualTo("kept");
  }

  @Test
  @DisplayName("an invalid span (tracing off) writes no header")
  void invalidSpanWritesNothing() {
    Headers headers = new RecordHeaders();
    TraceHeaders.inject(Span.getInvalid(), headers);
    assertThat(headers.toArray()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("garbled")
  @DisplayName("a missing or garbled traceparent yields an invalid context, without an error")
  void garbledIgnored(byte[] value) {
    Headers headers = new RecordHeaders();
    if (value != null) {
      headers.add("traceparent", value);
    }
    assertThat(TraceHeaders.extract(headers).isValid()).isFalse();
  }

  static Stream<Named<byte[]>> garbled() {
    return Stream.of(
        Named.of("no header", null),
        Named.of("empty value", new byte[0]),
        Named.of("not a traceparent", bytes("hello")),
        Named.of("all-zero trace id", bytes("00-00000000000000000000000000000000-" + SPAN + "-01")),
        Named.of("all-zero span id", bytes("00-" + TRACE + "-0000000000000000-01")),
        Named.of("version ff", bytes("ff-" + TRACE + "-" + SPAN + "-01")),
        Named.of("non-hex trace id", bytes("00-" + TRACE.replace('a', 'z') + "-" + SPAN + "-01")),
        Named.of("short span id", bytes("00-" + TRACE + "-00f067aa-01")),
        Named.of("not UTF-8", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));
  }

  @Test
  @DisplayName("null headers read as no trace")
  void nullHeaders() {
    assertThat(TraceHeaders.extract((Headers) null).isValid()).isFalse();
  }

  @Test
  @DisplayName("an HTTP request's traceparent header is read by name")
  void httpHeaders() {
    Map<String, String> http = new HashMap<>();
    http.put("traceparent", "00-" + TRACE + "-" + SPAN + "-01");
    assertThat(TraceHeaders.extract(http::get).getTraceId()).isEqualTo(TRACE);
    assertThat(TraceHeaders.extract(k -> null).isValid()).isFalse();
  }

  private static String value(Headers headers, String key) {
    return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
