package dev.alerting.ingest.push;

import dev.alerting.platform.trace.TraceHeaders;
import dev.alerting.platform.trace.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The server span of a push request: continues the caller's trace when it sends a {@code
 * traceparent} header, ends when the answer is sent, and is the parent of the span that writes the
 * request's samples to Kafka (whose context each sample record carries).
 */
final class PushTrace {
  static final String SERVICE = "metrics-ingest";
  private static final String SPAN = "ingest.span";

  private final Tracing tracing = Tracing.forService(SERVICE);

  /** A handler ahead of admission: starts the span (when tracing is on) and passes on. */
  void start(RoutingContext ctx, String route) {
    if (tracing.on()) {
      HttpServerRequest req = ctx.request();
      Span span =
          tracing
              .span(
                  req.method().name() + " " + route,
                  SpanKind.SERVER,
                  TraceHeaders.extract(req::getHeader))
              .setAttribute("http.request.method", req.method().name())
              .setAttribute("http.route", route)
              .setAttribute("url.path", req.path())
              .startSpan();
      ctx.put(SPAN, span);
      ctx.addEndHandler(
          ignored -> {
            int status = ctx.response().getStatusCode();
            span.setAttribute("http.response.status_code", status);
            if (status >= 500) {
              span.setStatus(StatusCode.ERROR);
            }
            span.end();
          });
    }
    ctx.next();
  }

  /** The request's span; invalid when tracing is off. */
  static Span of(RoutingContext ctx) {
    Span span = ctx.get(SPAN);
    return span == null ? Span.getInvalid() : span;
  }
}
