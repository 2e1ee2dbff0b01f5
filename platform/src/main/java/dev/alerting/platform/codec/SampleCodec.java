package dev.alerting.platform.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
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

  /** The JSON form of a float sample; native histograms have only the protobuf form. */
  public static String encode(Sample s) {
    if (s.isHistogram()) {
      throw new IllegalArgumentException(
          "the JSON sample form cannot carry a native histogram; write it with SampleRecords");
    }
    // streamed, not built as a tree: this runs once per sample and showed up in the ingest profile
    StringWriter out = new StringWriter(160);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("name", s.name());
      g.writeObjectFieldStart("labels");
      for (Map.Entry<String, String> e : s.series().asMap().entrySet()) {
        if (!e.getKey().equals(Labels.METRIC_NAME)) {
          g.writeStringField(e.getKey(), e.getValue());
        }
      }
      g.writeEndObject();
      double v = s.value();
      if (s.isStaleMarker()) {
        g.writeStringField("value", "stale");
      } else if (Double.isNaN(v)) {
        g.writeStringField("value", "NaN");
      } else if (Double.isInfinite(v)) {
        g.writeStringField("value", v > 0 ? "+Inf" : "-Inf");
      } else {
        g.writeNumberField("value", v);
      }
      g.writeNumberField("timestamp", s.timestampMillis());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static Sample decode(String json) {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new CodecException("sample record is not a JSON object");
      }
      String name = "";
      TreeMap<String, String> labels = new TreeMap<>();
      Double value = null;
      long timestamp = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "name" -> name = p.getValueAsString("");
          case "labels" -> readLabels(p, t, labels);
          case "value" -> value = value(p, t);
          case "timestamp" -> timestamp = p.getValueAsLong();
          default -> p.skipChildren();
        }
      }
      if (value == null) {
        throw new CodecException("sample record has no value");
      }
      return Sample.of(name, Labels.of(labels), value, timestamp);
    } catch (IOException | IllegalArgumentException e) {
      throw new CodecException("invalid sample record: " + e.getMessage(), e);
    }
  }

  private static void readLabels(JsonParser p, JsonToken t, Map<String, String> labels)
      throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      p.nextToken();
      labels.put(k, p.getText());
      p.skipChildren();
    }
  }

  private static double value(JsonParser p, JsonToken t) throws IOException {
    if (t.isNumeric()) {
      return p.getDoubleValue();
    }
    String text = p.getText();
    p.skipChildren();
    return switch (text) {
      case "stale" -> Double.longBitsToDouble(Sample.STALE_NAN_BITS);
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> throw new CodecException("sample value '" + text + "' is not a number");
    };
  }
}
