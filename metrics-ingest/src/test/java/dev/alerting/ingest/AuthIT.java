package dev.alerting.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.platform.http.Problem;
import dev.alerting.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("bearer-token authentication of the push endpoints")
class AuthIT {
  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static WebClient client;
  private static Path tokenFile;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    vertx = Vertx.vertx();
    tokenFile = Files.createTempFile("tokens", ".txt");
    Files.writeString(tokenFile, "# pushers\nfile-token\n\n");
    IngestVerticle verticle =
        new IngestVerticle(
            TestIngestConfig.of(
                kafka.bootstrapServers(),
                Map.of(
                    IngestConfig.AUTH_TOKENS,
                    "env-token-1, env-token-2",
                    IngestConfig.AUTH_TOKENS_FILE,
                    tokenFile.toString())));
    vertx.deployVerticle(verticle).await();
    client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("localhost").setDefaultPort(verticle.httpPort()));
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await();
    kafka.close();
    Files.deleteIfExists(tokenFile);
  }

  private static HttpResponse<Buffer> push(String authorization) {
    var request = client.post("/api/v1/import/prometheus");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return request.sendBuffer(Buffer.buffer("auth_test 1\n")).await();
  }

  @Test
  @DisplayName("a push without credentials is 401 problem+json with WWW-Authenticate: Bearer")
  void missing() {
    HttpResponse<Buffer> r = push(null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertThat(r.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("INGEST_AUTH_TOKENS");
  }

  @Test
  @DisplayName("a wrong token is 403, on every format")
  void wrong() {
    assertThat(push("Bearer nope").statusCode()).isEqualTo(403);
    assertThat(push("Basic ZW52LXRva2VuLTE=").statusCode()).isEqualTo(403);
    HttpResponse<Buffer> json =
        client
            .post("/api/v1/samples")
            .putHeader("Authorization", "Bearer nope")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("[]"))
            .await();
    assertThat(json.statusCode()).isEqualTo(403);
    HttpResponse<Buffer> rw = client.post("/api/v1/write").sendBuffer(Buffer.buffer("x")).await();
    assertThat(rw.statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("tokens from the list and the file are accepted, as Bearer or Influx's Token scheme")
  void accepted() {
    assertThat(push("Bearer env-token-1").statusCode()).isEqualTo(204);
    assertThat(push("Bearer env-token-2").statusCode()).isEqualTo(204);
    assertThat(push("Bearer file-token").statusCode()).isEqualTo(204);
    HttpResponse<Buffer> influx =
        client
            .post("/api/v2/write")
            .putHeader("Authorization", "Token file-token")
            .sendBuffer(Buffer.buffer("m value=1\n"))
            .await();
    assertThat(influx.statusCode()).isEqualTo(204);
  }

  @Test
  @DisplayName("health and /metrics stay open")
  void openEndpoints() {
    assertThat(client.get("/health/live").send().await().statusCode()).isEqualTo(200);
    assertThat(client.get("/health/ready").send().await().statusCode()).isEqualTo(200);
    assertThat(client.get("/metrics").send().await().bodyAsString())
        .contains("ingest_format_requests_total");
  }

  @Test
  @DisplayName("the 401 answer is counted by format and outcome")
  void counted() {
    push(null);
    String scrape = client.get("/metrics").send().await().bodyAsString();
    assertThat(scrape)
        .containsPattern(
            "ingest_format_requests_total\\{format=\"text\",outcome=\"unauthorized\"[^}]*} [1-9]");
  }
}
