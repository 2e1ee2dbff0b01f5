package dev.alerting.platform.trace;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's tracer. {@link #forService} gives each service its own SDK (its own {@code
 * service.name}), built once per process from the {@code OTEL_*} variables, or the no-op tracer
 * when {@link TraceSwitch} says off; code that would only feed spans (reading headers, naming
 * attributes) asks {@link #on()} first, so tracing off costs a field read.
 *
 * <p>Looked up by service name rather than passed through each service's config: the one-process
 * stack runs four services that each need their own {@code service.name}, and the end-to-end test
 * installs an in-memory exporter for all four before they start ({@link #install}).
 */
public final class Tracing {
  private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);
  private static final String SCOPE = "dev.alerting";
  private static final Tracing OFF = new Tracing(OpenTelemetry.noop(), false);
  private static final Map<String, Tracing> SERVICES = new ConcurrentHashMap<>();
  private static volatile Function<String, OpenTelemetry> installed;

  private final Tracer tracer;
  private final boolean on;

  private Tracing(OpenTelemetry otel, boolean on) {
    this.tracer = otel.getTracer(SCOPE);
    this.on = on;
  }

  /** The tracer of {@code service} (e.g. {@code notifier}), created on first use. */
  public static Tracing forService(String service) {
    return SERVICES.computeIfAbsent(service, Tracing::create);
  }

  /** The no-op tracer. */
  public static Tracing off() {
    return OFF;
  }

  /**
   * Makes every service looked up from now on trace through {@code source} (a test's in-memory
   * SDK); {@code null} goes back to the environment. Services already running keep their tracer.
   */
  public static void install(Function<String, OpenTelemetry> source) {
    installed = source;
    SERVICES.clear();
  }

  private static Tracing create(String service) {
    Function<String, OpenTelemetry> source = installed;
    if (source != null) {
      return new Tracing(source.apply(service), true);
    }
    TraceSwitch trace = TraceSwitch.fromEnvironment();
    if (!trace.on()) {
      return OFF;
    }
    LOG.info("tracing {} ({})", service, trace.reason());
    return new Tracing(TraceSdk.fromEnvironment(service), true);
  }

  /** Whether spans are recorded; when false every span is a no-op and no header is written. */
  public boolean on() {
    return on;
  }

  public Tracer tracer() {
    return tracer;
  }

  /** A span of {@code kind} continuing the trace of {@code parent} (a new trace when invalid). */
  public SpanBuilder span(String name, SpanKind kind, SpanContext parent) {
    return span(name, kind, Causes.of(List.of(parent)));
  }

  /** A span whose parent or links are {@code causes} (see {@link Causes}). */
  public SpanBuilder span(String name, SpanKind kind, Causes causes) {
    SpanBuilder b = tracer.spanBuilder(name).setSpanKind(kind);
    if (causes.hasParent()) {
      b.setParent(
          io.opentelemetry.context.Context.root()
              .with(io.opentelemetry.api.trace.Span.wrap(causes.parent())));
    } else {
      b.setNoParent();
    }
    causes.links().forEach(b::addLink);
    return b;
  }
}
