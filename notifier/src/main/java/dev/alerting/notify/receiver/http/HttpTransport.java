package dev.alerting.notify.receiver.http;

import dev.alerting.notify.receiver.Outcome;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP side of every integration: one keep-alive connection pool per distinct {@code
 * http_config} (so TLS, proxy and redirects apply per integration), the auth header of that config,
 * and Alertmanager's classification of the answer.
 */
public final class HttpTransport implements AutoCloseable {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final int MAX_REDIRECTS = 10;
  private final Vertx vertx;
  private final int poolSize;
  private final Map<HttpConfig, WebClient> clients = new ConcurrentHashMap<>();

  public HttpTransport(Vertx vertx, int poolSize) {
    this.vertx = vertx;
    this.poolSize = poolSize;
  }

  /**
   * Sends {@code call}; answers the outcome (never a failed future), with the body sent kept as the
   * payload a dead letter shows.
   */
  public Future<Outcome> send(
      HttpCall call, HttpConfig config, Duration timeout, Set<Integer> retryable) {
    return exchange(call, config, timeout)
        .map(resp -> classify(resp, retryable))
        .recover(e -> Future.succeededFuture(Outcome.ofError(e)))
        .map(o -> o.withPayload(call.body()));
  }

  /** Sends {@code call} and hands back the raw answer (for integrations reading the body). */
  public Future<HttpResponse<Buffer>> exchange(HttpCall call, HttpConfig config, Duration timeout) {
    return exchange(call, config, timeout, 0);
  }

  /**
   * Redirects are followed here, not by Vert.x (which follows POSTs only for 303), the way Go's
   * client does for Alertmanager: 307/308 repeat method and body, 301/302/303 turn into a GET.
   */
  private Future<HttpResponse<Buffer>> exchange(
      HttpCall call, HttpConfig config, Duration timeout, int hops) {
    HttpRequest<Buffer> req =
        client(config).requestAbs(call.method(), call.url()).timeout(timeout.toMillis());
    call.headers().forEach(req::putHeader);
    config.authorization().ifPresent(a -> req.putHeader("Authorization", a));
    Future<HttpResponse<Buffer>> sent =
        call.body().isEmpty() ? req.send() : req.sendBuffer(Buffer.buffer(call.body()));
    return sent.compose(
        resp -> {
          String location = resp.getHeader("Location");
          if (!config.followRedirects()
              || location == null
              || !REDIRECTS.contains(resp.statusCode())) {
            return Future.succeededFuture(resp);
          }
          if (hops >= MAX_REDIRECTS) {
            return Future.failedFuture("stopped after " + MAX_REDIRECTS + " redirects");
          }
          String next = java.net.URI.create(call.url()).resolve(location).toString();
          boolean keep = resp.statusCode() == 307 || resp.statusCode() == 308;
          HttpCall again =
              keep
                  ? new HttpCall(call.method(), next, call.headers(), call.body())
                  : new HttpCall(io.vertx.core.http.HttpMethod.GET, next, Map.of(), "");
          return exchange(again, config, timeout, hops + 1);
        });
  }

  /** Alertmanager's Retrier: 2xx done, 5xx and the integration's codes again, the rest final. */
  public static Outcome classify(HttpResponse<Buffer> resp, Set<Integer> retryable) {
    Outcome o = Outcome.ofStatus(resp.statusCode(), retryable);
    if (o.kind() == Outcome.Kind.DELIVERED) {
      return o;
    }
    String body = resp.bodyAsString();
    String detail = o.detail();
    if (body != null && !body.isBlank()) {
      detail += ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body.strip());
    }
    return o.withDetail(detail).withRetryAfter(retryAfter(resp.headers()));
  }

  /** {@code Retry-After} as seconds or an HTTP date. */
  static Optional<Duration> retryAfter(MultiMap headers) {
    String v = headers.get("Retry-After");
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at =
            ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(Instant.now(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (RuntimeException unreadable) {
        return Optional.empty();
      }
    }
  }

  private WebClient client(HttpConfig config) {
    return clients.computeIfAbsent(config, this::create);
  }

  private WebClient create(HttpConfig c) {
    WebClientOptions o =
        new WebClientOptions()
            .setUserAgent("alerting-notifier")
            .setKeepAlive(true)
            .setFollowRedirects(false);
    // Vert.x 5 moved the pool size out of the client options into PoolOptions.
    c.tls()
        .ifPresent(
            t -> {
              t.caFile().ifPresent(f -> o.setTrustOptions(new PemTrustOptions().addCertPath(f)));
              t.certFile()
                  .ifPresent(
                      f ->
                          o.setKeyCertOptions(
                              new PemKeyCertOptions()
                                  .addCertPath(f)
                                  .addKeyPath(t.keyFile().orElseThrow())));
              if (t.insecureSkipVerify()) {
                o.setTrustAll(true).setVerifyHost(false);
              }
            });
    c.proxyUrl()
        .ifPresent(
            p -> {
              ProxyOptions proxy =
                  new ProxyOptions()
                      .setType(ProxyType.HTTP)
                      .setHost(p.getHost())
                      .setPort(p.getPort());
              if (p.getUserInfo() != null) {
                String[] up = p.getUserInfo().split(":", 2);
                proxy.setUsername(up[0]).setPassword(up.length > 1 ? up[1] : "");
              }
              o.setProxyOptions(proxy);
            });
    return WebClient.create(
        vertx, o, new io.vertx.core.http.PoolOptions().setHttp1MaxSize(poolSize));
  }

  @Override
  public void close() {
    clients.values().forEach(WebClient::close);
    clients.clear();
  }
}
