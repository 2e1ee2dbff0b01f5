package dev.alerting.ingest;

import dev.alerting.platform.config.Settings;
import java.util.HashMap;
import java.util.Map;

/** The ingest config the integration tests run: a free HTTP port, this broker, their own keys. */
final class TestIngestConfig {
  private TestIngestConfig() {}

  static IngestConfig of(String bootstrapServers, Map<String, String> extra) {
    Map<String, String> m = new HashMap<>(extra);
    m.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    m.put(IngestConfig.HTTP_PORT, "0");
    return IngestConfig.from(Settings.of(m));
  }
}
