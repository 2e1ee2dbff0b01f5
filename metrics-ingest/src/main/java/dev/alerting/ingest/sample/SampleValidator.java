package dev.alerting.ingest.sample;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.alerting.model.Durations;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses and validates a whole {@code POST /api/v1/samples} body before anything of it is written:
 * either every sample is valid, or the verdict names each bad sample and why. Pure: no Vert.x, no
 * Kafka, the clock is a parameter.
 */
public final class SampleValidator {
  private static final Set<String> FIELDS = Set.of("name", "labels", "value", "timestamp");

  // NaN and Infinity tokens are not JSON, but clients send them; parsing them lets us name the
  // sample ("value must be a finite number") instead of failing the whole body on a token.
  // Elements are read one by one from a stream, so trailing content is checked here, not by
  // Jackson.
  private static final ObjectReader READER =
      Json.MAPPER
          .reader()
          .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final SampleLimits limits;

  private final PlainJsonSamples plain;
  private final ValidJsonSamples fast;

  public SampleValidator(SampleLimits limits) {
    this.limits = limits;
    this.plain = new PlainJsonSamples(limits);
    this.fast = new ValidJsonSamples(limits, READER);
  }

  public SampleLimits limits() {
    return limits;
  }

  /**
   * Validates {@code body}; samples without a timestamp get {@code nowMillis}. Three readers in
   * turn, each declining what it does not read plainly: the bytes of a plainly written valid body,
   * then Jackson's tokens for any valid body, then a tree per element to word the problems.
   */
  public Validation validate(byte[] body, long nowMillis) {
    List<Sample> valid = plain.read(body, nowMillis);
    if (valid == null) {
      valid = fast.read(body, nowMillis);
    }
    return valid != null ? new Validation.Valid(valid) : validateCarefully(body, nowMillis);
  }

  /**
   * Reads every element as a tree, so each problem can be worded; the path of invalid bodies, and
   * the reference the faster paths are tested against.
   */
  Validation validateCarefully(byte[] body, long nowMillis) {
    try (JsonParser parser = READER.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Validation.Malformed("body is empty; expected a JSON array of samples");
      }
      if (first != JsonToken.START_ARRAY) {
        return new Validation.Malformed(
            "expected a JSON array of samples, got "
                + tokenName(first)
                + at(parser.currentTokenLocation()));
      }
      List<Sample> samples = new ArrayList<>();
      List<SampleError> errors = new ArrayList<>();
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (index >= limits.maxSamplesPerRequest()) {
          // stop reading: the rest of a too-large batch is not worth parsing
          return new Validation.TooManySamples(index + 1, limits.maxSamplesPerRequest());
        }
        JsonNode node = READER.readTree(parser);
        new SampleCheck(index, nowMillis).run(node, samples, errors);
        index++;
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        return new Validation.Malformed(
            "unexpected "
                + tokenName(trailing)
                + " after the array"
                + at(parser.currentTokenLocation()));
      }
      return errors.isEmpty()
          ? new Validation.Valid(samples)
          : new Validation.Invalid(errors, index);
    } catch (JsonProcessingException e) {
      return new Validation.Malformed(
          "malformed JSON: " + e.getOriginalMessage() + at(e.getLocation()));
    } catch (IOException e) {
      // a byte array cannot fail to read; keep the message anyway
      return new Validation.Malformed("unreadable body: " + e.getMessage());
    }
  }

  /**
   * The checks of one array element, collecting every problem so the client can fix them at once.
   */
  private final class SampleCheck {
    private final int index;
    private final long nowMillis;
    private final List<String> problems = new ArrayList<>(1);
    private RejectReason category;

    SampleCheck(int index, long nowMillis) {
      this.index = index;
      this.nowMillis = nowMillis;
    }

    void run(JsonNode node, List<Sample> samples, List<SampleError> errors) {
      Sample sample = check(node);
      if (problems.isEmpty()) {
        samples.add(sample);
      } else {
        errors.add(new SampleError(index, category, String.join("; ", problems)));
      }
    }

    private Sample check(JsonNode node) {
      if (!node.isObject()) {
        problem(RejectReason.STRUCTURE, "sample must be a JSON object, got " + describe(node));
        return null;
      }
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String field = names.next();
        if (!FIELDS.contains(field)) {
          problem(RejectReason.STRUCTURE, "unknown field " + Reasons.quote(field));
        }
      }
      String name = name(node.get("name"));
      Map<String, String> labels = labels(node.get("labels"));
      double value = value(node.get("value"));
      long timestamp = timestamp(node.get("timestamp"));
      return problems.isEmpty() ? Sample.of(name, Labels.of(labels), value, timestamp) : null;
    }

    private String name(JsonNode n) {
      if (n == null) {
        problem(RejectReason.STRUCTURE, "missing field \"name\"");
        return null;
      }
      if (!n.isTextual()) {
        problem(RejectReason.METRIC_NAME, "name must be a string, got " + describe(n));
        return null;
      }
      String name = n.textValue();
      if (name.length() > limits.maxLabelNameLength()) {
        problem(RejectReason.LIMIT, Reasons.metricNameTooLong(name, limits));
      } else if (!Labels.isValidMetricName(name)) {
        problem(
            RejectReason.METRIC_NAME,
            "metric name " + Reasons.quote(name) + " must match [a-zA-Z_:][a-zA-Z0-9_:]*");
      }
      return name;
    }

    private Map<String, String> labels(JsonNode n) {
      Map<String, String> labels = new TreeMap<>();
      if (n == null) {
        return labels;
      }
      if (!n.isObject()) {
        problem(
            RejectReason.LABEL, "labels must be an object of string values, got " + describe(n));
        return labels;
      }
      if (n.size() > limits.maxLabels()) {
        problem(RejectReason.LIMIT, Reasons.tooManyLabels("sample", n.size(), limits));
        return labels;
      }
      n.fields().forEachRemaining(e -> label(e.getKey(), e.getValue(), labels));
      return labels;
    }

    private void label(String name, JsonNode value, Map<String, String> labels) {
      if (name.length() > limits.maxLabelNameLength()) {
        problem(RejectReason.LIMIT, Reasons.labelNameTooLong(name, limits));
      } else if (name.startsWith("__")) {
        problem(
            RejectReason.LABEL,
            "label name "
                + Reasons.quote(name)
                + " is reserved (starts with __)"
                + (name.equals(Labels.METRIC_NAME) ? "; the metric name goes in \"name\"" : ""));
      } else if (!Labels.isValidLabelName(name)) {
        problem(
            RejectReason.LABEL,
            "label name " + Reasons.quote(name) + " must match [a-zA-Z_][a-zA-Z0-9_]*");
      }
      if (!value.isTextual()) {
        problem(
            RejectReason.LABEL,
            "label " + Reasons.quote(name) + " value must be a string, got " + describe(value));
      } else if (value.textValue().length() > limits.maxLabelValueLength()) {
        problem(RejectReason.LIMIT, Reasons.labelValueTooLong(name, value.textValue(), limits));
      } else {
        labels.put(name, value.textValue());
      }
    }

    private double value(JsonNode n) {
      if (n == null) {
        problem(RejectReason.STRUCTURE, "missing field \"value\"");
        return Double.NaN;
      }
      if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
        problem(RejectReason.VALUE, "value must be a finite number, got " + describe(n));
        return Double.NaN;
      }
      return n.doubleValue();
    }

    private long timestamp(JsonNode n) {
      if (n == null) {
        return nowMillis;
      }
      if (!n.isIntegralNumber() || !n.canConvertToLong()) {
        problem(
            RejectReason.TIMESTAMP,
            "timestamp must be an integer of epoch milliseconds, got " + describe(n));
        return 0;
      }
      long ts = n.longValue();
      if (ts <= 0) {
        problem(RejectReason.TIMESTAMP, "timestamp must be positive epoch milliseconds, got " + ts);
      } else if (ts > nowMillis + limits.maxFutureSkew().toMillis()) {
        problem(
            RejectReason.TIMESTAMP,
            "timestamp "
                + ts
                + " is more than "
                + Durations.format(limits.maxFutureSkew())
                + " in the future");
      } else if (ts < nowMillis - limits.maxSampleAge().toMillis()) {
        problem(
            RejectReason.TIMESTAMP,
            "timestamp "
                + ts
                + " is more than "
                + Durations.format(limits.maxSampleAge())
                + " old");
      }
      return ts;
    }

    private void problem(RejectReason reason, String text) {
      if (category == null) {
        category = reason;
      }
      problems.add(text);
    }
  }

  private static String describe(JsonNode n) {
    if (n.isTextual()) {
      return "string " + Reasons.quote(n.textValue());
    }
    if (n.isNumber()) {
      return Double.isFinite(n.doubleValue()) ? "number " + n.asText() : n.asText();
    }
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String tokenName(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
    };
  }

  private static String at(JsonLocation loc) {
    return loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }
}
