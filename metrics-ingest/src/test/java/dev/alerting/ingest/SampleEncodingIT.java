package dev.alerting.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.ingest.push.SampleEncoding;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleCodec;
import dev.alerting.platform.codec.SampleRecords;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.SampleProbe;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two ingest instances on one broker, one per {@code INGEST_SAMPLES_ENCODING}, fed the same series:
 * the JSON one writes the old form (one keyed record per sample), the default one WriteRequests,
 * each series on the same partition either way, and one topic holding both decodes whole.
 */
class SampleEncodingIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int SERIES = 40;

  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static PushClient protobuf;
  private static PushClient json;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    vertx = Vertx.vertx();
    protobuf = client(Map.of());
    json = client(Map.of(IngestConfig.SAMPLES_ENCODING, "json"));
  }

  private static PushClient client(Map<String, String> extra) {
    IngestVerticle verticle =
        new IngestVerticle(TestIngestConfig.of(kafka.bootstrapServers(), extra));
    vertx.deployVerticle(verticle).await();
    return new PushClient(vertx, verticle.httpPort());
  }

  @AfterAll
  static void stop() {
    protobuf.close();
    json.close();
    vertx.close().await();
    kafka.close();
  }

  @Test
  @DisplayName("the setting defaults to protobuf and names itself when wrong")
  void setting() {
    assertThat(TestIngestConfig.of("localhost:9092", Map.of()).samplesEncoding())
        .isEqualTo(SampleEncoding.PROTOBUF);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TestIngestConfig.of("localhost:9092", Map.of("INGEST_SAMPLES_ENCODING", "avro")))
        .hasMessageContaining("INGEST_SAMPLES_ENCODING")
        .hasMessageContaining("avro");
  }

  @Test
  @DisplayName(
      "json writes one keyed JSON record per sample, protobuf one WriteRequest per partition, a"
          + " series on the same partition in both, and the mixed topic decodes whole")
  void bothForms() {
    String run = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    List<Sample> viaProtobuf = new ArrayList<>();
    List<Sample> viaJson = new ArrayList<>();
    for (int i = 0; i < SERIES; i++) {
      Labels labels = Labels.of("run", run, "series", String.valueOf(i));
      viaProtobuf.add(Sample.of("enc_test", labels, 1, now - 2000));
      viaProtobuf.add(Sample.of("enc_test", labels, 1.5, now - 1000));
      viaJson.add(Sample.of("enc_test", labels, 2, now - 500));
    }

    assertThat(protobuf.push(body(viaProtobuf)).statusCode()).isEqualTo(200);
    assertThat(json.push(body(viaJson)).statusCode()).isEqualTo(200);

    try (SampleProbe probe = new SampleProbe(kafka.bootstrapServers())) {
      probe.await(s -> s.series().toString().contains(run), 3 * SERIES, WAIT);
      Map<Labels, Integer> jsonPartition = new HashMap<>();
      Map<Labels, Integer> protobufPartition = new HashMap<>();
      int protobufRecords = 0;
      for (SampleProbe.Read read : probe.records()) {
        var r = read.record();
        if (read.samples().stream().noneMatch(s -> s.series().toString().contains(run))) {
          continue;
        }
        if (SampleRecords.isProtobuf(r.headers())) {
          protobufRecords++;
          assertThat(r.key()).isNull();
          read.samples().forEach(s -> protobufPartition.put(s.series(), r.partition()));
        } else {
          // the old form, readable as text: one sample, keyed by its series fingerprint
          Sample s = SampleCodec.decode(new String(r.value(), StandardCharsets.UTF_8));
          assertThat(read.samples()).containsExactly(s);
          assertThat(r.key()).isEqualTo(SampleCodec.key(s));
          jsonPartition.put(s.series(), r.partition());
        }
      }
      assertThat(jsonPartition).hasSize(SERIES);
      // the JSON records were placed by the producer's default partitioner from their key
      assertThat(protobufPartition).isEqualTo(jsonPartition);
      assertThat(protobufRecords)
          .isLessThanOrEqualTo(TestIngestConfig.of("unused:9092", Map.of()).kafka().partitions());
      List<Sample> ours =
          probe.samples().stream().filter(s -> s.series().toString().contains(run)).toList();
      assertThat(ours.stream().filter(s -> s.value() == 1)).hasSize(SERIES);
      assertThat(ours.stream().filter(s -> s.value() == 1.5)).hasSize(SERIES);
      assertThat(ours.stream().filter(s -> s.value() == 2)).hasSize(SERIES);
    }
  }

  private static String body(List<Sample> samples) {
    StringBuilder b = new StringBuilder("[");
    for (Sample s : samples) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append(SampleCodec.encode(s));
    }
    return b.append(']').toString();
  }
}
