package dev.alerting.ingest.sample;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.LabelCache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The second path of {@link SampleValidator}, for bodies {@link PlainJsonSamples} declines
 * (escapes, exponents, long numbers, unusual bytes): reads a body as a token stream, without a tree
 * per sample, and succeeds only when every sample is plainly valid. On the first thing it does not
 * expect (an error, an unknown or repeated field, a non-finite value, too many samples) it gives up
 * and the validator reads the body again the careful way, which words every problem. A label set
 * seen before (by its characters) is taken from a cache of checked label sets, so a series pushed
 * again costs no label strings or maps.
 */
final class ValidJsonSamples {
  /** How many checked label sets are kept; past it the cache starts over. */
  static final int CACHED_SERIES = 50_000;

  private final SampleLimits limits;
  private final ObjectReader reader;
  private final LabelCache series = new LabelCache(CACHED_SERIES);

  ValidJsonSamples(SampleLimits limits, ObjectReader reader) {
    this.limits = limits;
    this.reader = reader;
  }

  /** The samples of {@code body} if all are valid and plainly written; null otherwise. */
  List<Sample> read(byte[] body, long nowMillis) {
    try (JsonParser p = reader.createParser(body)) {
      // repeated names are found here (a repeated field or label gives up), so Jackson's
      // detector, a set per object, is not needed on this path
      p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      if (p.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      List<Sample> samples = new ArrayList<>();
      Element element = new Element(nowMillis);
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
        if (samples.size() >= limits.maxSamplesPerRequest()) {
          return null;
        }
        Sample s = element.read(p);
        if (s == null) {
          return null;
        }
        samples.add(s);
      }
      return t == JsonToken.END_ARRAY && p.nextToken() == null ? samples : null;
    } catch (IOException | RuntimeException e) {
      return null; // the careful path finds and words it
    }
  }

  /**
   * One array element. Its name and labels are written into {@code key} as they are read (each
   * string as its length and its chars), which is what the label-set cache is keyed by.
   */
  private final class Element {
    private final long nowMillis;
    private byte[] key = new byte[256];
    private int keyLength;
    private int labelCount;

    Element(long nowMillis) {
      this.nowMillis = nowMillis;
    }

    Sample read(JsonParser p) throws IOException {
      keyLength = 0;
      labelCount = 0;
      boolean hasName = false;
      boolean hasLabels = false;
      boolean hasValue = false;
      boolean hasTimestamp = false;
      double value = 0;
      long timestamp = nowMillis;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "name" -> {
            if (hasName || hasLabels || v != JsonToken.VALUE_STRING) {
              return null; // the name first keeps the key unambiguous; else the careful path
            }
            hasName = true;
            append(p);
          }
          case "labels" -> {
            if (!hasName || hasLabels || v != JsonToken.START_OBJECT || !labels(p)) {
              return null;
            }
            hasLabels = true;
          }
          case "value" -> {
            if (hasValue || !v.isNumeric()) {
              return null;
            }
            hasValue = true;
            value = p.getDoubleValue();
            if (!Double.isFinite(value)) {
              return null;
            }
          }
          case "timestamp" -> {
            if (hasTimestamp
                || v != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
              return null;
            }
            hasTimestamp = true;
            timestamp = p.getLongValue();
          }
          default -> {
            return null;
          }
        }
      }
      if (t != JsonToken.END_OBJECT || !hasName || !hasValue || !timeInWindow(timestamp)) {
        return null;
      }
      Labels labels = series.find(key, 0, keyLength);
      if (labels == null) {
        labels = build();
        if (labels == null) {
          return null;
        }
        series.put(key, 0, keyLength, labels);
      }
      return new Sample(labels, value, timestamp);
    }

    /** Reads the labels object into the key: each name, then its value. */
    private boolean labels(JsonParser p) throws IOException {
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        labelCount++;
        if (p.nextToken() != JsonToken.VALUE_STRING) {
          return false;
        }
        appendChars(p.currentName());
        append(p);
      }
      return t == JsonToken.END_OBJECT && labelCount <= limits.maxLabels();
    }

    /** The label set from the key, checked like every other push; null if anything is wrong. */
    private Labels build() {
      TreeMap<String, String> labels = new TreeMap<>();
      int at = 0;
      String[] strings = new String[1 + 2 * labelCount];
      for (int i = 0; i < strings.length; i++) {
        int length = readInt(at);
        at += 4;
        char[] chars = new char[length];
        for (int c = 0; c < length; c++, at += 2) {
          chars[c] = (char) ((key[at] & 0xff) << 8 | (key[at + 1] & 0xff));
        }
        strings[i] = new String(chars);
      }
      if (!validName(strings[0])) {
        return null;
      }
      labels.put(Labels.METRIC_NAME, strings[0]);
      for (int i = 1; i < strings.length; i += 2) {
        if (!validLabel(strings[i], strings[i + 1])
            || labels.put(strings[i], strings[i + 1]) != null) {
          return null;
        }
      }
      return Labels.of(labels);
    }

    private boolean validName(String name) {
      return name.length() <= limits.maxLabelNameLength() && Labels.isValidMetricName(name);
    }

    private boolean validLabel(String name, String value) {
      return name.length() <= limits.maxLabelNameLength()
          && !name.startsWith("__")
          && Labels.isValidLabelName(name)
          && value.length() <= limits.maxLabelValueLength();
    }

    private boolean timeInWindow(long ts) {
      return ts > 0
          && ts <= nowMillis + limits.maxFutureSkew().toMillis()
          && ts >= nowMillis - limits.maxSampleAge().toMillis();
    }

    /** The current string token's chars, without making a String of them. */
    private void append(JsonParser p) throws IOException {
      char[] chars = p.getTextCharacters();
      int offset = p.getTextOffset();
      int length = p.getTextLength();
      ensure(4 + 2 * length);
      writeInt(length);
      for (int i = offset; i < offset + length; i++) {
        key[keyLength++] = (byte) (chars[i] >>> 8);
        key[keyLength++] = (byte) chars[i];
      }
    }

    private void appendChars(String s) {
      ensure(4 + 2 * s.length());
      writeInt(s.length());
      for (int i = 0; i < s.length(); i++) {
        key[keyLength++] = (byte) (s.charAt(i) >>> 8);
        key[keyLength++] = (byte) s.charAt(i);
      }
    }

    private void writeInt(int v) {
      key[keyLength++] = (byte) (v >>> 24);
      key[keyLength++] = (byte) (v >>> 16);
      key[keyLength++] = (byte) (v >>> 8);
      key[keyLength++] = (byte) v;
    }

    private int readInt(int at) {
      return (key[at] & 0xff) << 24
          | (key[at + 1] & 0xff) << 16
          | (key[at + 2] & 0xff) << 8
          | (key[at + 3] & 0xff);
    }

    private void ensure(int more) {
      if (key.length - keyLength < more) {
        key = Arrays.copyOf(key, Math.max(key.length * 2, keyLength + more));
      }
    }
  }
}
