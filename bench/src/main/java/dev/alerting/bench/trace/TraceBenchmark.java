package dev.alerting.bench.trace;

import dev.alerting.platform.trace.TraceHeaders;
import dev.alerting.platform.trace.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The tracing work the services add, with tracing off (the no-op tracer behind {@code on()}, as
 * shipped) and on (the SDK, always sampled, batch processor, an exporter that discards, so the
 * network is not measured). {@code request}: what metrics-ingest adds to one push request (server
 * span, producer span, one {@code traceparent} header). {@code event}: what a consumer adds per
 * record (read the header, a span with three attributes). Score: nanoseconds per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TraceBenchmark {
  @Param({"off", "on"})
  public String tracing;

  private Tracing trace;
  private SdkTracerProvider provider;
  private final Headers incoming = new RecordHeaders();

  @Setup
  public void setUp() {
    if (tracing.equals("on")) {
      provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(BatchSpanProcessor.builder(new Discard()).build())
              .build();
      OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
      Tracing.install(service -> sdk);
      trace = Tracing.forService("bench");
    } else {
      trace = Tracing.off();
    }
    incoming.add(
        TraceHeaders.TRACEPARENT,
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.UTF_8));
  }

  @TearDown
  public void tearDown() {
    Tracing.install(null);
    if (provider != null) {
      provider.shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  @Benchmark
  public Object request() {
    if (!trace.on()) {
      return null;
    }
    Span server =
        trace
            .span("POST /api/v1/samples", SpanKind.SERVER, SpanContext.getInvalid())
            .setAttribute("http.request.method", "POST")
            .setAttribute("http.route", "/api/v1/samples")
            .startSpan();
    Span publish =
        trace
            .span("metrics.samples publish", SpanKind.PRODUCER, server.getSpanContext())
            .setAttribute("messaging.destination.name", "metrics.samples")
            .startSpan();
    RecordHeaders headers = new RecordHeaders();
    TraceHeaders.inject(publish, headers);
    publish.end();
    server.setAttribute("http.response.status_code", 200L);
    server.end();
    return headers;
  }

  @Benchmark
  public Object event() {
    if (!trace.on()) {
      return null;
    }
    Span span =
        trace
            .span("apply alert event", SpanKind.CONSUMER, TraceHeaders.extract(incoming))
            .setAttribute("alerting.alertname", "QueueBacklog")
            .setAttribute("alerting.fingerprint", "718f79560eae0565")
            .setAttribute("alerting.status", "firing")
            .startSpan();
    span.end();
    return span;
  }

  /** Accepts and drops every batch. */
  private static final class Discard implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
