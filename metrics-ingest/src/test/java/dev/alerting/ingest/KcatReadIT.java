package dev.alerting.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alerting.ingest.remotewrite.RemoteWriteParser;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.SampleCodec;
import dev.alerting.platform.codec.SampleRecords;
import dev.alerting.platform.kafka.Topics;
import dev.alerting.testkit.EmbeddedKafka;
import dev.alerting.testkit.SampleProbe;
import dev.alerting.testkit.WriteRequestEncoder;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A non-Java client reads the protobuf form: kcat (librdkafka) prints a record's value bytes, and
 * they are a WriteRequest a remote_write receiver reads back to the pushed samples. Skipped where
 * kcat is not installed.
 */
class KcatReadIT {
  private static final Path KCAT = Path.of("/usr/bin/kcat");

  @Test
  @DisplayName("kcat reads a metrics.samples record whose bytes are a remote-write WriteRequest")
  void kcatReadsAWriteRequest() throws Exception {
    assumeTrue(Files.isExecutable(KCAT), "no kcat at " + KCAT + "; skipped");
    String run = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    Sample pushed = Sample.of("kcat_test", Labels.of("run", run), 42.5, now);
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      Vertx vertx = Vertx.vertx();
      try {
        IngestConfig config = TestIngestConfig.of(kafka.bootstrapServers(), Map.of());
        IngestVerticle verticle = new IngestVerticle(config);
        vertx.deployVerticle(verticle).await();
        try (PushClient client = new PushClient(vertx, verticle.httpPort());
            SampleProbe probe = new SampleProbe(kafka.bootstrapServers())) {
          assertThat(client.push("[" + SampleCodec.encode(pushed) + "]").statusCode())
              .isEqualTo(200);
          probe.await(s -> s.series().toString().contains(run), 1, Duration.ofSeconds(30));
          var record = probe.records().get(0).record();
          assertThat(SampleRecords.isProtobuf(record.headers())).isTrue();

          Path out = Files.createTempFile("kcat", ".bin");
          Process kcat =
              new ProcessBuilder(
                      KCAT.toString(),
                      "-b",
                      kafka.bootstrapServers(),
                      "-t",
                      Topics.SAMPLES,
                      "-p",
                      String.valueOf(record.partition()),
                      "-o",
                      String.valueOf(record.offset()),
                      "-c",
                      "1",
                      "-e",
                      "-C",
                      "-f",
                      "%s")
                  .redirectOutput(out.toFile())
                  .redirectError(ProcessBuilder.Redirect.DISCARD)
                  .start();
          assertThat(kcat.waitFor(30, TimeUnit.SECONDS)).isTrue();
          byte[] value = Files.readAllBytes(out);
          Files.delete(out);

          assertThat(value).isEqualTo(record.value());
          Validation read =
              new RemoteWriteParser(config.limits(), 1 << 20)
                  .parse(WriteRequestEncoder.snappy(value), now);
          assertThat(read).isInstanceOf(Validation.Valid.class);
          List<Sample> samples = ((Validation.Valid) read).samples();
          assertThat(samples).containsExactly(pushed);
        }
      } finally {
        vertx.close().await();
      }
    }
  }
}
