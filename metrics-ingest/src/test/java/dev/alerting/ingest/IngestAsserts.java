package dev.alerting.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.sample.Sample;
import dev.alerting.platform.http.Problem;
import dev.alerting.testkit.SampleProbe;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * What the ingest ITs check against a real broker: samples of a run, nothing written, a problem.
 */
final class IngestAsserts {
  static final Duration WAIT = Duration.ofSeconds(30);

  private IngestAsserts() {}

  /** The first {@code count} samples on the topic whose series names {@code run}. */
  static List<Sample> samples(SampleProbe probe, String run, int count) {
    return probe.await(s -> s.series().toString().contains(run), count, WAIT).stream().toList();
  }

  /**
   * Nothing of {@code run} reached the topic: a marker pushed after it (text format) is read first,
   * so anything of the run written before it would have been read too.
   */
  static void assertNothingWritten(WebClient client, SampleProbe probe, String run) {
    String marker = id();
    HttpResponse<Buffer> r =
        client
            .post("/api/v1/import/prometheus")
            .sendBuffer(Buffer.buffer("marker{run=\"" + marker + "\"} 1\n"))
            .await();
    assertThat(r.statusCode()).isEqualTo(204);
    probe.await(s -> s.series().toString().contains(marker), 1, WAIT);
    assertThat(probe.drain()).noneMatch(s -> s.series().toString().contains(run));
  }

  /** The answer is an RFC 9457 problem with {@code status}; its body. */
  static JsonObject problem(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getInteger("status")).isEqualTo(status);
    return body;
  }

  static String id() {
    return UUID.randomUUID().toString();
  }
}
