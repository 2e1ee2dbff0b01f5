package dev.alerting.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.codec.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to the running stack, as a user's script would make them. */
final class StackClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Response(int status, String contentType, JsonNode body) {}

  Response get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  Response post(String url, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** The body of a GET as text (metrics, event streams). */
  String getText(String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new AssertionError("HTTP call failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Pushes one sample of {@code name} with the given labels and value, timestamped now. */
  Response pushSample(String ingestUrl, String name, String labelsJson, double value) {
    String body =
        "[{\"name\":\""
            + name
            + "\",\"labels\":"
            + labelsJson
            + ",\"value\":"
            + value
            + ",\"timestamp\":"
            + System.currentTimeMillis()
            + "}]";
    return post(ingestUrl + "/api/v1/samples", body);
  }

  private Response send(HttpRequest.Builder req) {
    try {
      HttpResponse<String> r =
          http.send(
              req.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = r.body().isEmpty() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(r.body());
      return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), body);
    } catch (IOException e) {
      throw new AssertionError("HTTP call failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
