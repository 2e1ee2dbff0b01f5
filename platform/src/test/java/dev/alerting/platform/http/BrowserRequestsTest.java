package dev.alerting.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("state-changing requests from web pages")
class BrowserRequestsTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger changes = new AtomicInteger();
  private int jsonPort;
  private int anyPort;

  @BeforeEach
  void start() {
    jsonPort = serve(BrowserRequests.JSON_POSTS).actualPort();
    anyPort = serve(BrowserRequests.ANY_BODY).actualPort();
  }

  private HttpServer serve(BrowserRequests guard) {
    Router router = Router.router(vertx);
    router.route().handler(guard);
    router.get("/thing").handler(ctx -> ctx.response().end("read"));
    router
        .route("/thing")
        .handler(
            ctx -> {
              changes.incrementAndGet();
              ctx.response().end("changed");
            });
    return vertx.createHttpServer(ServerOptions.http1()).requestHandler(router).listen(0).await();
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private HttpResponse<String> send(int port, String method, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/thing"))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName("curl, amtool and Prometheus send no Origin: their requests pass")
  void nonBrowserClientsPass() throws Exception {
    assertThat(send(jsonPort, "POST", null).statusCode()).isEqualTo(200);
    assertThat(send(jsonPort, "POST", "{}", "Content-Type", "application/json").statusCode())
        .isEqualTo(200);
    assertThat(send(jsonPort, "DELETE", null).statusCode()).isEqualTo(200);
    assertThat(changes).hasValue(3);
  }

  @Test
  @DisplayName("another site's page cannot POST, PUT or DELETE, whatever the body; it may read")
  void crossOriginChangesAreRefused() throws Exception {
    String own = "http://127.0.0.1:" + jsonPort;
    HttpResponse<String> evil =
        send(
            jsonPort, "POST", "{}", "Origin", "https://evil.example", "Content-Type", "text/plain");
    assertThat(evil.statusCode()).isEqualTo(403);
    assertThat(evil.headers().firstValue("Content-Type")).hasValue(Problem.CONTENT_TYPE);
    assertThat(evil.body()).contains("Origin 'https://evil.example' is not this service");
    assertThat(send(jsonPort, "PUT", "x", "Origin", "https://evil.example").statusCode())
        .isEqualTo(403);
    assertThat(send(jsonPort, "DELETE", null, "Origin", "null").statusCode()).isEqualTo(403);
    assertThat(send(jsonPort, "POST", null, "Origin", "http://127.0.0.1:" + anyPort).statusCode())
        .as("same host, other port: another origin")
        .isEqualTo(403);
    assertThat(send(jsonPort, "POST", null, "Sec-Fetch-Site", "cross-site").statusCode())
        .isEqualTo(403);
    assertThat(send(jsonPort, "POST", null, "Sec-Fetch-Site", "same-site").statusCode())
        .isEqualTo(403);
    assertThat(send(anyPort, "POST", "up 1\n", "Origin", "https://evil.example").statusCode())
        .as("ingest's text pushes keep the origin check")
        .isEqualTo(403);
    assertThat(send(jsonPort, "POST", null, "Authorization", "Basic YTpi", "Origin", "null"))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(403);
    assertThat(changes).hasValue(0);

    assertThat(
            send(
                    jsonPort,
                    "POST",
                    null,
                    "Origin",
                    "https://grafana.example",
                    "Authorization",
                    "Bearer some-token")
                .statusCode())
        .as("a bearer token cannot come from another site's page: a proxy forwarding Origin")
        .isEqualTo(200);
    assertThat(changes).hasValue(1);
    changes.set(0);
    assertThat(send(jsonPort, "GET", null, "Origin", "https://evil.example").statusCode())
        .isEqualTo(200);
    assertThat(send(jsonPort, "POST", null, "Origin", own).statusCode()).isEqualTo(200);
    assertThat(send(jsonPort, "POST", null, "Sec-Fetch-Site", "same-origin").statusCode())
        .isEqualTo(200);
    assertThat(changes).hasValue(2);
  }

  @Test
  @DisplayName(
      "a POST body declared as a form or plain text (sent by pages without asking) gets 415;"
          + " ingest takes text")
  void simpleBodiesAreRefusedOnJsonApis() throws Exception {
    for (String type :
        new String[] {
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "Text/Plain; charset=utf-8"
        }) {
      HttpResponse<String> r = send(jsonPort, "POST", "{\"by\":\"a\"}", "Content-Type", type);
      assertThat(r.statusCode()).as(type).isEqualTo(415);
      assertThat(r.body()).contains("Content-Type: application/json");
    }
    assertThat(changes).hasValue(0);
    assertThat(
            send(jsonPort, "POST", "{}", "Content-Type", "application/json; charset=utf-8")
                .statusCode())
        .isEqualTo(200);
    assertThat(send(anyPort, "POST", "up 1\n", "Content-Type", "text/plain").statusCode())
        .isEqualTo(200);
    assertThat(changes).hasValue(2);
  }
}
