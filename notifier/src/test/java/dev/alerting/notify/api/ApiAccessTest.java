package dev.alerting.notify.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.notify.NotifierConfig;
import dev.alerting.notify.api.v2.ApiV2;
import dev.alerting.notify.history.DeadLetter;
import dev.alerting.notify.history.DeadLetters;
import dev.alerting.notify.history.DeliveryHistory;
import dev.alerting.platform.http.AccessTokens;
import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.ServiceMetrics;
import dev.alerting.platform.http.ServiceRouter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NOTIFIER_AUTH_TOKENS in front of the notifier's real API routes, without Kafka: the v2 API gets
 * no dispatcher, silences or producer, so only requests refused by authentication, by input
 * validation, or the reload (a counter here) are answered by it.
 */
@DisplayName("Notifier API authentication")
@Timeout(20)
class ApiAccessTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String READ = "read-token-0123456789";
  private static final String WRITE = "write-token-0123456789";
  private static final String ADMIN = "admin-token-0123456789";
  private static final AtomicInteger RELOADS = new AtomicInteger();
  private static Vertx vertx;
  private static Router securedRouter;
  private static int securedPort;
  private static int openPort;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    securedRouter =
        router(
            AccessTokens.parse(
                NotifierConfig.AUTH_TOKENS,
                "read:" + READ + ",write:" + WRITE + ",admin:" + ADMIN));
    securedPort = listen(securedRouter);
    openPort = listen(router(AccessTokens.OFF));
  }

  /** The routes as NotifierVerticle mounts them (GroupsApi left out: it needs a dispatcher). */
  private static Router router(AccessTokens tokens) {
    Router router =
        ServiceRouter.create(vertx, new Health(), ServiceMetrics.registry("notifier-test"));
    ApiAccess.mount(router, tokens);
    new NotificationsApi(new DeliveryHistory(10), new NoDeadLetters(), null, n -> Optional.empty())
        .mount(router);
    new ApiV2(
            vertx,
            null,
            null,
            null,
            null,
            () -> "",
            () -> {
              RELOADS.incrementAndGet();
              return Future.succeededFuture();
            })
        .mount(router);
    return router;
  }

  private static int listen(Router router) {
    return vertx.createHttpServer().requestHandler(router).listen(0).await().actualPort();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  @DisplayName("every protected route is a route the APIs really serve")
  void rulesMatchRealRoutes() {
    List<Route> routes = securedRouter.getRoutes();
    for (ApiAccess.Rule rule : ApiAccess.RULES) {
      // the access check itself plus at least one API route on the same method and path
      long serving =
          routes.stream()
              .filter(r -> rule.path().equals(r.getPath()))
              .filter(r -> r.methods() != null && r.methods().contains(rule.method()))
              .count();
      assertThat(serving).as(rule.method() + " " + rule.path()).isGreaterThanOrEqualTo(2);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "POST, /api/v2/silences, write",
    "DELETE, /api/v2/silence/00000000-0000-0000-0000-000000000000, write",
    "POST, /api/v2/alerts, write",
    "POST, /api/v1/notifications/failed/abc/retry, write",
    "POST, /-/reload, admin"
  })
  @DisplayName("a mutation is 401 without a token and 403 with a read token")
  void refused(String method, String path, String role) {
    int before = RELOADS.get();

    HttpResponse<String> none = send(securedPort, method, path, "{}", null);
    HttpResponse<String> read = send(securedPort, method, path, "{}", READ);

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(read.statusCode()).isEqualTo(403);
    assertThat(read.body()).contains(role + " is required");
    assertThat(RELOADS.get()).isEqualTo(before);
  }

  @Test
  @DisplayName("a write token reaches the handlers; reloading needs admin")
  void writeAndAdmin() {
    // the real handlers answer: bad silence / alert bodies (their own 4xx), an unknown dead letter
    assertThat(send(securedPort, "POST", "/api/v2/silences", "{}", WRITE).statusCode())
        .isIn(400, 422);
    assertThat(send(securedPort, "POST", "/api/v2/alerts", "{}", WRITE).statusCode())
        .isIn(400, 422);
    HttpResponse<String> retry =
        send(securedPort, "POST", "/api/v1/notifications/failed/abc/retry", "", WRITE);
    assertThat(retry.statusCode()).isEqualTo(404);
    assertThat(retry.body()).contains("no failed notification abc");

    int before = RELOADS.get();
    assertThat(send(securedPort, "POST", "/-/reload", "", WRITE).statusCode()).isEqualTo(403);
    assertThat(RELOADS.get()).isEqualTo(before);
    assertThat(send(securedPort, "POST", "/-/reload", "", ADMIN).statusCode()).isEqualTo(200);
    assertThat(RELOADS.get()).isEqualTo(before + 1);
  }

  @Test
  @DisplayName("reads stay open without a token")
  void readsOpen() {
    assertThat(send(securedPort, "GET", "/api/v1/notifications", null, null).statusCode())
        .isEqualTo(200);
    assertThat(send(securedPort, "GET", "/api/v1/notifications/failed", null, null).statusCode())
        .isEqualTo(200);
    assertThat(send(securedPort, "GET", "/-/healthy", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("auth off (no tokens): the same requests work without a token")
  void offUnchanged() {
    int before = RELOADS.get();
    assertThat(send(openPort, "POST", "/-/reload", "", null).statusCode()).isEqualTo(200);
    assertThat(RELOADS.get()).isEqualTo(before + 1);
    assertThat(send(openPort, "POST", "/api/v1/notifications/failed/abc/retry", "", null))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(404);
  }

  @Test
  @DisplayName(
      "with auth off, another site's page can neither reload nor post a form-encoded silence")
  void webPagesRefused() {
    int before = RELOADS.get();
    HttpResponse<String> crossSite =
        send(openPort, "POST", "/-/reload", "", null, "Origin", "https://evil.example");
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(crossSite.body()).contains("is not this service");
    HttpResponse<String> form =
        send(
            openPort,
            "POST",
            "/api/v2/silences",
            "{}",
            null,
            "Content-Type",
            "application/x-www-form-urlencoded");
    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(RELOADS.get()).isEqualTo(before);
  }

  private static HttpResponse<String> send(
      int port, String method, String path, String body, String token, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length == 0) {
      b.header("Content-Type", "application/json");
    } else {
      b.headers(headers);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** No failed notifications. */
  private static final class NoDeadLetters implements DeadLetters {
    @Override
    public List<DeadLetter> list() {
      return List.of();
    }

    @Override
    public Optional<DeadLetter> get(String id) {
      return Optional.empty();
    }

    @Override
    public Future<Void> put(DeadLetter letter) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> remove(String id) {
      return Future.succeededFuture();
    }
  }
}
