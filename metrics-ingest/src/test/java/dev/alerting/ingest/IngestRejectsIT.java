package dev.alerting.ingest;

import static dev.alerting.ingest.IngestAsserts.id;
import static dev.alerting.ingest.IngestAsserts.problem;
import static dev.alerting.ingest.JsonPushStack.BODY_LIMIT;
import static dev.alerting.ingest.JsonPushStack.SAMPLE_LIMIT;
import static dev.alerting.ingest.JsonPushStack.errors;
import static dev.alerting.ingest.JsonPushStack.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * JSON pushes that are refused: each answered 4xx naming the problem, and nothing of the request is
 * written.
 */
@DisplayName("metrics-ingest refusing pushes, against a real broker")
class IngestRejectsIT {
  private static JsonPushStack stack;

  @BeforeAll
  static void start() {
    stack = JsonPushStack.start();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @DisplayName("malformed JSON is answered 400 with the parser's position and nothing is written")
  void malformedJson() {
    String run = id();
    HttpResponse<Buffer> r =
        stack.client.push("[" + json("up", run, null, "1", null) + ",\n {\"name\": oops}]");
    JsonObject problem = problem(r, 400);
    assertThat(problem.getString("detail"))
        .startsWith("malformed JSON: Unrecognized token 'oops'")
        // Jackson 2.23 names the start of the bad token (2.18 named its end, column 16)
        .endsWith("at line 2, column 11");
    stack.assertNothingWritten(run);
  }

  @Test
  @DisplayName(
      "a bad metric name is answered 400 naming the sample and nothing of the request is written")
  void badMetricName() {
    String run = id();
    HttpResponse<Buffer> r =
        stack.client.push(
            "[" + json("up", run, null, "1", null) + "," + json("9x", run, null, "1", null) + "]");
    assertThat(problem(r, 400).getJsonArray("errors"))
        .isEqualTo(errors(1, "metric name \"9x\" must match [a-zA-Z_:][a-zA-Z0-9_:]*"));
    stack.assertNothingWritten(run);
  }

  @Test
  @DisplayName("a reserved label name is answered 400 naming the sample and nothing is written")
  void badLabelName() {
    String run = id();
    HttpResponse<Buffer> r =
        stack.client.push(
            "["
                + json("up", run, "\"__meta\":\"x\"", "1", null)
                + ","
                + json("up", run, null, "1", null)
                + "]");
    assertThat(problem(r, 400).getJsonArray("errors"))
        .isEqualTo(errors(0, "label name \"__meta\" is reserved (starts with __)"));
    stack.assertNothingWritten(run);
  }

  @Test
  @DisplayName("__name__ among the labels is answered 400 naming the sample and nothing is written")
  void metricNameAmongLabels() {
    String run = id();
    HttpResponse<Buffer> r =
        stack.client.push("[" + json("up", run, "\"__name__\":\"up\"", "1", null) + "]");
    assertThat(problem(r, 400).getJsonArray("errors"))
        .isEqualTo(
            errors(
                0,
                "label name \"__name__\" is reserved (starts with __); the metric name goes in"
                    + " \"name\""));
    stack.assertNothingWritten(run);
  }

  @Test
  @DisplayName(
      "NaN as a string and a non-finite number are each answered 400 and nothing is written")
  void nonFiniteValues() {
    String run = id();
    HttpResponse<Buffer> r =
        stack.client.push(
            "["
                + json("up", run, null, "\"NaN\"", null)
                + ","
                + json("up", run, null, "1", null)
                + ","
                + json("up", run, null, "1e400", null)
                + "]");
    JsonArray expected = errors(0, "value must be a finite number, got string \"NaN\"");
    expected.addAll(errors(2, "value must be a finite number, got Infinity"));
    assertThat(problem(r, 400).getJsonArray("errors")).isEqualTo(expected);
    stack.assertNothingWritten(run);
  }

  @Test
  @DisplayName(
      "a body over INGEST_MAX_BODY_BYTES is answered 413 naming the limit and nothing is written")
  void oversizeBody() {
    String run = id();
    List<String> samples = new ArrayList<>();
    while (String.join(",", samples).length() <= BODY_LIMIT) {
      samples.add(json("up", run, null, "1", null));
    }
    HttpResponse<Buffer> r = stack.client.push("[" + String.join(",", samples) + "]");
    assertThat(problem(r, 413).getString("detail"))
        .isEqualTo(
            "the body exceeds the limit of " + BODY_LIMIT + " bytes (INGEST_MAX_BODY_BYTES)");
    stack.assertNothingWritten(run);
  }

  @Test
  @DisplayName(
      "a chunked body that grows past INGEST_MAX_BODY_BYTES is answered 413 naming the limit and"
          + " nothing is written")
  void oversizeChunkedBody() {
    String run = id();
    List<String> samples = new ArrayList<>();
    while (String.join(",", samples).length() <= BODY_LIMIT) {
      samples.add(json("up", run, null, "1", null));
    }
    HttpResponse<Buffer> r = stack.client.pushChunked("[" + String.join(",", samples) + "]", 1000);
    assertThat(problem(r, 413).getString("detail"))
        .isEqualTo(
            "the body exceeds the limit of " + BODY_LIMIT + " bytes (INGEST_MAX_BODY_BYTES)");
    stack.assertNothingWritten(run);
  }

  @Test
  @DisplayName(
      "more samples than INGEST_MAX_SAMPLES_PER_REQUEST is answered 400 naming the limit and nothing is written")
  void tooManySamples() {
    String run = id();
    String body =
        "["
            + String.join(
                ",", Collections.nCopies(SAMPLE_LIMIT + 1, json("up", run, null, "1", null)))
            + "]";
    HttpResponse<Buffer> r = stack.client.push(body);
    assertThat(problem(r, 400).getString("detail"))
        .startsWith(
            "the request holds more than "
                + SAMPLE_LIMIT
                + " samples, the limit (INGEST_MAX_SAMPLES_PER_REQUEST)");
    stack.assertNothingWritten(run);
  }

  @Test
  @DisplayName("a body that is not application/json is answered 415 and nothing is written")
  void wrongContentType() {
    String run = id();
    HttpResponse<Buffer> r =
        stack.client.push("text/plain", "[" + json("up", run, null, "1", null) + "]");
    assertThat(problem(r, 415).getString("detail"))
        .isEqualTo("Content-Type must be application/json, got text/plain");
    stack.assertNothingWritten(run);
  }
}
