package dev.alerting.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.platform.config.Settings;
import dev.alerting.platform.http.ServerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The console's proxy and page against a stand-in service: a real HTTP server that records what it
 * receives and answers like the services do.
 */
@DisplayName("Console: page and same-origin proxy")
class ConsoleVerticleTest {
  private static Vertx vertx;
  private static HttpServer upstream;
  private static WebClient client;
  private static int port;
  private static final CopyOnWriteArrayList<JsonObject> RECEIVED = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    upstream =
        vertx
            .createHttpServer(ServerOptions.http1())
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              RECEIVED.add(
                                  new JsonObject()
                                      .put("method", req.method().name())
                                      .put("uri", req.uri())
                                      .put("authorization", req.getHeader("Authorization"))
                                      .put("origin", req.getHeader("Origin"))
                                      .put("body", body.toString()));
                              if (req.path().endsWith("/stream")) {
                                req.response()
                                    .setChunked(true)
                                    .putHeader("Content-Type", "text/event-stream")
                                    .write("event: created\ndata: {\"id\":1}\n\n");
                                return; // left open, as the incident stream is
                              }
                              if (req.getHeader("Authorization") == null) {
                                req.response()
                                    .setStatusCode(401)
                                    .putHeader("WWW-Authenticate", "Bearer")
                                    .end("{}");
                                return;
                              }
                              req.response()
                                  .putHeader("Content-Type", "application/json")
                                  .end("{\"ok\":true}");
                            }))
            .listen(0)
            .await();
    String base = "http://127.0.0.1:" + upstream.actualPort();
    ConsoleVerticle console =
        new ConsoleVerticle(
            ConsoleConfig.from(
                Settings.of(
                    Map.of(
                        ConsoleConfig.HTTP_PORT, "0",
                        ConsoleConfig.INCIDENTS_URL, base + "/svc",
                        ConsoleConfig.NOTIFIER_URL, "http://127.0.0.1:1"))));
    vertx.deployVerticle(console).await();
    port = console.httpPort();
    client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("localhost")
                .setDefaultPort(port)
                .setConnectTimeout(5000));
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @BeforeEach
  void clear() {
    RECEIVED.clear();
  }

  @Test
  @DisplayName("a call goes to the same path under the service's base URL with the bearer token")
  void forwardsWithToken() {
    HttpResponse<Buffer> r =
        client
            .post("/proxy/incidents/api/v1/incidents/7/acknowledge?x=1")
            .putHeader("Authorization", "Bearer abcdefghijklmnopq")
            .putHeader("Origin", "http://localhost:" + port)
            .putHeader("Content-Type", "application/json")
            .timeout(30_000)
            .sendBuffer(Buffer.buffer("{\"by\":\"ann\"}"))
            .await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getBoolean("ok")).isTrue();
    JsonObject got = RECEIVED.get(0);
    assertThat(got.getString("method")).isEqualTo("POST");
    assertThat(got.getString("uri")).isEqualTo("/svc/api/v1/incidents/7/acknowledge?x=1");
    assertThat(got.getString("authorization")).isEqualTo("Bearer abcdefghijklmnopq");
    assertThat(got.getString("origin")).as("the page's origin is not passed on").isNull();
    assertThat(got.getString("body")).isEqualTo("{\"by\":\"ann\"}");
  }

  @Test
  @DisplayName("a service's 401 reaches the page with its WWW-Authenticate (the page then asks)")
  void passesUnauthorized() {
    HttpResponse<Buffer> r =
        client.get("/proxy/incidents/api/v1/oncall").timeout(30_000).send().await();
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  @DisplayName("another site's page cannot change state through the console (403, nothing sent)")
  void refusesCrossSite() {
    HttpResponse<Buffer> r =
        client
            .post("/proxy/incidents/api/v1/incidents/7/acknowledge")
            .putHeader("Origin", "https://evil.example")
            .putHeader("Content-Type", "application/json")
            .timeout(30_000)
            .sendBuffer(Buffer.buffer("{}"))
            .await();
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(RECEIVED).isEmpty();
  }

  @Test
  @DisplayName("an unknown service is 404 naming the known ones; a service down is 502 naming it")
  void unknownAndDown() {
    HttpResponse<Buffer> unknown = client.get("/proxy/nope/api").timeout(30_000).send().await();
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("detail"))
        .contains("incidents, ingest, notifier, rules");
    HttpResponse<Buffer> down =
        client.get("/proxy/notifier/api/v2/alerts").timeout(30_000).send().await();
    assertThat(down.statusCode()).isEqualTo(502);
    assertThat(down.bodyAsJsonObject().getString("detail")).startsWith("notifier at");
    assertThat(client.get("/metrics").timeout(30_000).send().await().bodyAsString())
        .contains(
            "console_proxy_requests_total{outcome=\"unreachable\",service=\"console\",upstream=\"notifier\"}");
  }

  @Test
  @DisplayName("an event stream arrives event by event while the service keeps it open")
  void streams() {
    // Held in a variable and closed at the end: Vert.x closes an HttpClient nothing refers to any
    // more (its cleaner), which failed this test once with "Pool closed" mid-stream.
    io.vertx.core.http.HttpClient http = vertx.createHttpClient();
    Buffer first =
        http.request(
                io.vertx.core.http.HttpMethod.GET, port, "localhost", "/proxy/incidents/s/stream")
            .compose(req -> req.send())
            .compose(
                resp -> {
                  io.vertx.core.Promise<Buffer> p = io.vertx.core.Promise.promise();
                  resp.handler(p::tryComplete);
                  return p.future();
                })
            .await();
    http.close().await();
    assertThat(first.toString()).contains("event: created");
  }

  @Test
  @DisplayName("health and metrics answer as on every service, without asking the services")
  void healthAndMetrics() {
    assertThat(client.get("/health/live").timeout(30_000).send().await().statusCode())
        .isEqualTo(200);
    assertThat(client.get("/health/ready").timeout(30_000).send().await().statusCode())
        .isEqualTo(200);
    HttpResponse<Buffer> metrics = client.get("/metrics").timeout(30_000).send().await();
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.bodyAsString()).contains("service=\"console\"");
    assertThat(RECEIVED).isEmpty();
  }

  @Test
  @DisplayName("the page is served with a content security policy that forbids framing")
  void page() {
    HttpResponse<Buffer> r = client.get("/index.html").timeout(30_000).send().await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).contains("<script type=\"module\" src=\"app.js\">");
    assertThat(r.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
    HttpResponse<Buffer> js = client.get("/views/alerts.js").timeout(30_000).send().await();
    assertThat(js.getHeader("Content-Type")).contains("javascript");
  }
}
