package dev.alerting.console;

import dev.alerting.platform.http.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /proxy/{ingest,rules,notifier,incidents}/...} to the same path under each service's base
 * URL. Only the headers an API call needs are passed on, the caller's {@code Authorization} among
 * them: the services check tokens, the console does not. {@code Origin} and the {@code Sec-Fetch-*}
 * headers are not passed on (the services would see the console's origin as another site); the
 * console's own router refuses cross-site state changes first, with the same rule as the services
 * ({@code BrowserRequests}). Answers stream through unbuffered, so the incident stream (Server-Sent
 * Events) arrives event by event.
 */
final class ConsoleProxy {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleProxy.class);
  private static final String PREFIX = "/proxy/";
  private static final int MAX_BODY = 1024 * 1024;

  /** An open stream may be quiet this long; the incident stream sends a keep-alive every 15 s. */
  private static final long STREAM_IDLE_MILLIS = 60_000;

  private static final List<String> REQUEST_HEADERS =
      List.of("Authorization", "Content-Type", "Accept", "Last-Event-ID");
  private static final List<String> RESPONSE_HEADERS =
      List.of("Content-Type", "Retry-After", "WWW-Authenticate", "Location", "Cache-Control");

  private final Map<String, URI> upstreams;
  private final Duration timeout;
  private final HttpClientAgent client;
  private final MeterRegistry registry;

  ConsoleProxy(Vertx vertx, ConsoleConfig config, MeterRegistry registry) {
    this.registry = registry;
    this.upstreams = config.upstreams();
    this.timeout = config.timeout();
    this.client =
        vertx.createHttpClient(
            // HTTP/1.1, as the services speak (ServerOptions.http1)
            new HttpClientOptions().setConnectTimeout((int) timeout.toMillis()));
  }

  void mount(Router router) {
    router.route(PREFIX + "*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    router.route(PREFIX + "*").handler(this::forward);
  }

  Future<Void> close() {
    return client.close();
  }

  private void forward(RoutingContext ctx) {
    HttpServerRequest in = ctx.request();
    String rest = in.path().substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String name = slash < 0 ? rest : rest.substring(0, slash);
    URI base = upstreams.get(name);
    if (base == null) {
      Problem.of(404, "Unknown service", "no service '" + name + "'; use one of " + names())
          .send(ctx);
      return;
    }
    String path =
        (base.getRawPath() == null ? "" : base.getRawPath()) + rest.substring(name.length());
    String query = in.query();
    boolean stream = path.endsWith("/stream");
    RequestOptions out =
        new RequestOptions()
            .setMethod(in.method())
            .setHost(base.getHost())
            .setPort(port(base))
            .setSsl("https".equalsIgnoreCase(base.getScheme()))
            .setURI(path.isEmpty() ? "/" : path + (query == null ? "" : "?" + query))
            .setIdleTimeout(stream ? STREAM_IDLE_MILLIS : timeout.toMillis());
    for (String h : REQUEST_HEADERS) {
      String v = in.getHeader(h);
      if (v != null) {
        out.putHeader(h, v);
      }
    }
    Buffer body = ctx.body().buffer();
    client
        .request(out)
        .compose(req -> send(req, body))
        .onSuccess(
            resp -> {
              count(name, resp.statusCode() >= 500 ? "error" : "answered");
              relay(resp, ctx.response());
            })
        .onFailure(
            e -> {
              count(name, "unreachable");
              unreachable(ctx, name, e);
            });
  }

  /**
   * {@code console_proxy_requests_total{upstream, outcome}}: answered (below 500), error (5xx from
   * the service) or unreachable (no answer: 502 to the page).
   */
  private void count(String upstream, String outcome) {
    registry
        .counter("console_proxy_requests", "upstream", upstream, "outcome", outcome)
        .increment();
  }

  private static Future<HttpClientResponse> send(HttpClientRequest req, Buffer body) {
    return body == null || body.length() == 0 ? req.send() : req.send(body);
  }

  private static void relay(HttpClientResponse resp, HttpServerResponse to) {
    to.setStatusCode(resp.statusCode());
    MultiMap headers = resp.headers();
    for (String h : RESPONSE_HEADERS) {
      String v = headers.get(h);
      if (v != null) {
        to.putHeader(h, v);
      }
    }
    String length = headers.get("Content-Length");
    if (length != null) {
      to.putHeader("Content-Length", length);
    } else {
      to.setChunked(true);
    }
    // nothing in between may hold events back
    to.putHeader("X-Accel-Buffering", "no");
    // a page that goes away (a closed EventSource) closes the call to the service too
    to.closeHandler(v -> resp.request().reset());
    resp.pipeTo(to);
  }

  private void unreachable(RoutingContext ctx, String name, Throwable e) {
    LOG.warn("console proxy: {} at {} did not answer: {}", name, upstreams.get(name), e.toString());
    if (!ctx.response().headWritten()) {
      Problem.of(
              502,
              "Service unreachable",
              name + " at " + upstreams.get(name) + " did not answer: " + e.getMessage())
          .send(ctx);
    }
  }

  private String names() {
    return String.join(", ", upstreams.keySet().stream().sorted().toList());
  }

  private static int port(URI u) {
    if (u.getPort() > 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
