package dev.alerting.ingest.push;

import dev.alerting.platform.config.ConfigException;
import java.util.Locale;

/** The form of the records metrics-ingest writes to {@code metrics.samples}. */
public enum SampleEncoding {
  /**
   * One Prometheus {@code WriteRequest} per partition a request touches (the default): several
   * samples per record, read by {@code SampleDecoder} and any remote-write protobuf decoder.
   */
  PROTOBUF,
  /** One JSON object per sample, keyed by series fingerprint: readable with kcat and jq. */
  JSON;

  /** The setting's value ({@code protobuf} or {@code json}, any case); {@code key} names it. */
  public static SampleEncoding parse(String key, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "protobuf" -> PROTOBUF;
      case "json" -> JSON;
      default -> throw new ConfigException(key, "'" + value + "' is not protobuf or json");
    };
  }
}
