package dev.alerting.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.codec.Json;
import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack with authentication on, configured as Docker Compose does it (role tokens from a
 * file through the {@code *_AUTH_TOKENS_FILE} keys, a push token for ingest): every state change a
 * user makes is refused without a token, with too low a role, or from another site's page, and
 * changes nothing; with the right token it works end to end.
 */
@DisplayName("The stack with authentication on")
class AuthenticatedStackIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PUSH = "push-token-0123456789abcdef";
  private static final String WRITE = "write-token-0123456789abcdef";
  private static final String ADMIN = "admin-token-0123456789abcdef";
  private static final String READ = "read-token-0123456789abcdef";
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Test
  @DisplayName(
      "push, acknowledge, silence, replace rules and reload need the right token; refused"
          + " requests change nothing")
  void everyStateChangeNeedsItsRole(@TempDir Path dir) throws Exception {
    Path api = dir.resolve("api-tokens");
    Files.writeString(api, "admin:" + ADMIN + "\nwrite:" + WRITE + "\nread:" + READ + "\n");
    try (WebhookSink hook = new WebhookSink()) {
      Settings settings =
          StackFixture.settings(
              dir,
              hook.url(),
              Map.of(
                  "INGEST_AUTH_TOKENS", PUSH,
                  "RULES_AUTH_TOKENS_FILE", api.toString(),
                  "NOTIFIER_AUTH_TOKENS_FILE", api.toString(),
                  "INCIDENT_AUTH_TOKENS_FILE", api.toString()));
      try (AlertingStack stack = AlertingStack.start(settings, 0)) {
        String ingest = stack.url(Service.INGEST) + "/api/v1/samples";
        String sample =
            "[{\"name\":\"e2e_queue_depth\",\"labels\":{\"service\":\"auth\"},\"value\":500,"
                + "\"timestamp\":"
                + System.currentTimeMillis()
                + "}]";
        assertThat(send("POST", ingest, sample, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", ingest, sample, "wrong-token-0123456789").statusCode())
            .isEqualTo(403);
        assertThat(send("POST", ingest, sample, PUSH).statusCode()).isEqualTo(200);

        Eventually.assertThat(
            WAIT, () -> assertThat(hook.deliveries("firing", StackFixture.ALERT)).isNotEmpty());
        String incidents = stack.url(Service.INCIDENTS) + "/api/v1/incidents";
        long id =
            Eventually.await(
                WAIT,
                "an open incident",
                () -> {
                  JsonNode items = get(incidents + "?status=open").path("items");
                  return items.isEmpty() ? null : items.get(0).path("id").asLong();
                });

        // acknowledge: a write token, from a non-browser client
        String ack = incidents + "/" + id + "/acknowledge";
        String by = "{\"by\":\"alice\"}";
        assertThat(send("POST", ack, by, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", ack, by, READ).statusCode()).isEqualTo(403);
        // a page of another site: refused before any token check (it cannot attach a token)
        assertThat(send("POST", ack, by, null, "Origin", "https://evil.example").statusCode())
            .isEqualTo(403);
        assertThat(get(incidents + "/" + id).path("status").asText()).isEqualTo("open");
        assertThat(send("POST", ack, by, WRITE).statusCode()).isEqualTo(200);
        assertThat(get(incidents + "/" + id).path("status").asText()).isEqualTo("acknowledged");

        // a silence: write
        String silences = stack.url(Service.NOTIFIER) + "/api/v2/silences";
        Instant now = Instant.now();
        String silence =
            "{\"matchers\":[{\"name\":\"service\",\"value\":\"auth\",\"isRegex\":false}],"
                + "\"startsAt\":\""
                + now
                + "\",\"endsAt\":\""
                + now.plusSeconds(3600)
                + "\",\"createdBy\":\"alice\",\"comment\":\"auth test\"}";
        assertThat(send("POST", silences, silence, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", silences, silence, READ).statusCode()).isEqualTo(403);
        assertThat(get(silences)).isEmpty();
        assertThat(send("POST", silences, silence, WRITE).statusCode()).isEqualTo(200);
        assertThat(get(silences)).hasSize(1);

        // the rules and the notifier's configuration: admin
        String rules = stack.url(Service.RULES) + "/api/v1/rules";
        String empty = "groups: []\n";
        assertThat(send("PUT", rules, empty, null).statusCode()).isEqualTo(401);
        assertThat(send("PUT", rules, empty, WRITE).statusCode()).isEqualTo(403);
        assertThat(get(rules).path("data").path("groups")).hasSize(1);
        String reload = stack.url(Service.NOTIFIER) + "/-/reload";
        assertThat(send("POST", reload, "", WRITE).statusCode()).isEqualTo(403);
        assertThat(send("POST", reload, "", ADMIN).statusCode()).isEqualTo(200);
        assertThat(send("PUT", rules, empty, ADMIN).statusCode()).isEqualTo(200);
        assertThat(get(rules).path("data").path("groups")).isEmpty();
      }
    }
  }

  private static JsonNode get(String url) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("GET " + url + " needs no token").isEqualTo(200);
      return Json.MAPPER.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new AssertionError("GET " + url + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static HttpResponse<String> send(
      String method, String url, String body, String token, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
