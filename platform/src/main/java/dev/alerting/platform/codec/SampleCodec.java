package dev.alerting.platform.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import java.io.IOException;
import java.util.TreeMap;

/**
 * A sample on the {@code metrics.samples} topic: {@code {"name","labels","value","timestamp"}},
 * keyed by the series fingerprint. Values JSON cannot hold are strings: {@code "NaN"}, {@code
 * "+Inf"}, {@code "-Inf"}, and {@code "stale"} for Prometheus's staleness marker.
 */
public final class SampleCodec {
  private SampleCodec() {}

  /** The record key: samples of one series share it and so keep their order on one partition. */
  public static String key(Sample s) {
    return s.series().fingerprintHex();
  }

  public static String encode(Sample s) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("name", s.name());
    ObjectNode labels = n.putObject("labels");
    s.series()
        .asMap()
        .forEach(
            (k, v) -> {
              if (!k.equals(Labels.METRIC_NAME)) {
                labels.put(k, v);
              }
            });
    double v = s.value();
    if (s.isStaleMarker()) {
      n.put("value", "stale");
    } else if (Double.isNaN(v)) {
      n.put("value", "NaN");
    } else if (Double.isInfinite(v)) {
      n.put("value", v > 0 ? "+Inf" : "-Inf");
    } else {
      n.put("value", v);
    }
    n.put("timestamp", s.timestampMillis());
    return Json.write(n);
  }

  public static Sample decode(String json) {
    try {
      JsonNode n = Json.MAPPER.readTree(json);
      TreeMap<String, String> labels = new TreeMap<>();
      n.path("labels")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      return Sample.of(
          n.path("name").asText(),
          Labels.of(labels),
          value(n.get("value")),
          n.path("timestamp").asLong());
    } catch (IOException | IllegalArgumentException e) {
      throw new CodecException("invalid sample record: " + e.getMessage(), e);
    }
  }

  private static double value(JsonNode v) {
    if (v == null) {
      throw new CodecException("sample record has no value");
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    return switch (v.asText()) {
      case "stale" -> Double.longBitsToDouble(Sample.STALE_NAN_BITS);
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> throw new CodecException("sample value '" + v.asText() + "' is not a number");
    };
  }
}
