package dev.alerting.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("service HTTP servers")
class ServerOptionsTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  @DisplayName(
      "a 200 KiB answer reaches Java's default HttpClient, which asks for an h2c upgrade"
          + " (with Vert.x's default options it gets a broken frame or waits forever)")
  void largeAnswerToAnUpgradingClient() throws Exception {
    String body = "x".repeat(200 * 1024);
    HttpServer server =
        vertx
            .createHttpServer(ServerOptions.http1())
            .requestHandler(r -> r.response().end(body))
            .listen(0)
            .await();
    for (int i = 0; i < 5; i++) {
      // a fresh client each time: every first request on a connection asks for the upgrade
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + server.actualPort() + "/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(answer.body()).hasSize(body.length());
    }
  }
}
