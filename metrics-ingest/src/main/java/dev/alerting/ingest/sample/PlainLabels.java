package dev.alerting.ingest.sample;

import dev.alerting.model.Labels;
import dev.alerting.platform.codec.LabelCache;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * The label set of each element of one plainly written body: reads the labels object as spans of
 * the body, then finds the label set in a cache of checked label sets, keyed by the raw bytes of
 * the name and the labels object (no escapes, so the bytes are the label set), or builds and checks
 * it like every other push.
 */
final class PlainLabels {
  private final SampleLimits limits;
  private final LabelCache series;
  private final byte[] b;

  // the element's labels object and each label's name and value, as [from, to) spans of the body
  private int labelsFrom;
  private int labelsTo;
  private int labelCount;
  private int[] spans = new int[16];
  private byte[] key = new byte[128];

  PlainLabels(SampleLimits limits, LabelCache series, byte[] body) {
    this.limits = limits;
    this.series = series;
    this.b = body;
  }

  /** Forgets the previous element's labels. */
  void reset() {
    labelsFrom = -1;
    labelCount = 0;
  }

  /** Reads the labels object at the cursor, noting each label's spans. */
  boolean read(PlainCursor c) {
    labelsFrom = c.p;
    if (!c.take('{')) {
      return false;
    }
    c.blanks();
    if (!c.take('}')) {
      do {
        c.blanks();
        if (labelCount == limits.maxLabels()) {
          return false; // one too many: the careful path words the limit
        }
        int at = 4 * labelCount;
        if (at == spans.length) {
          spans = Arrays.copyOf(spans, 2 * spans.length);
        }
        spans[at] = c.p + 1;
        if (!c.string()) {
          return false;
        }
        spans[at + 1] = c.p - 1;
        c.blanks();
        if (!c.take(':')) {
          return false;
        }
        c.blanks();
        spans[at + 2] = c.p + 1;
        if (!c.string()) {
          return false;
        }
        spans[at + 3] = c.p - 1;
        labelCount++;
        c.blanks();
      } while (c.take(','));
      if (!c.take('}')) {
        return false;
      }
    }
    labelsTo = c.p;
    return true;
  }

  /**
   * The element's label set, named by {@code b[nameFrom, nameTo)}, from the cache, keyed by the
   * name's bytes, a 0 (which no plain string holds), and the labels object's bytes; built and
   * checked when not cached. Null if anything is wrong.
   */
  Labels labelSet(int nameFrom, int nameTo) {
    int nameLength = nameTo - nameFrom;
    int labelsLength = labelsFrom < 0 ? 0 : labelsTo - labelsFrom;
    int length = nameLength + 1 + labelsLength;
    if (key.length < length) {
      key = new byte[Math.max(2 * key.length, length)];
    }
    System.arraycopy(b, nameFrom, key, 0, nameLength);
    key[nameLength] = 0;
    if (labelsLength > 0) {
      System.arraycopy(b, labelsFrom, key, nameLength + 1, labelsLength);
    }
    Labels labels = series.find(key, 0, length);
    if (labels == null) {
      labels = build(nameFrom, nameTo);
      if (labels != null) {
        series.put(key, 0, length, labels);
      }
    }
    return labels;
  }

  /**
   * The label set of the element, checked like every other push; null if anything is wrong. A
   * reserved name (starting with {@code __}) needs no check of its own: {@link
   * Labels#isValidLabelName} refuses all but {@code __name__}, and that one is already in the map.
   */
  private Labels build(int nameFrom, int nameTo) {
    String name = text(nameFrom, nameTo);
    if (name == null
        || name.length() > limits.maxLabelNameLength()
        || !Labels.isValidMetricName(name)) {
      return null;
    }
    TreeMap<String, String> labels = new TreeMap<>();
    labels.put(Labels.METRIC_NAME, name);
    for (int i = 0; i < 4 * labelCount; i += 4) {
      String label = text(spans[i], spans[i + 1]);
      String value = text(spans[i + 2], spans[i + 3]);
      if (label == null
          || value == null
          || label.length() > limits.maxLabelNameLength()
          || !Labels.isValidLabelName(label)
          || value.length() > limits.maxLabelValueLength()
          || labels.put(label, value) != null) {
        return null;
      }
    }
    return Labels.of(labels);
  }

  /** The string of {@code b[from, to)}, or null when it is not well-formed UTF-8. */
  private String text(int from, int to) {
    boolean ascii = true;
    for (int i = from; i < to && ascii; i++) {
      ascii = b[i] >= 0;
    }
    if (ascii) {
      return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(b, from, to - from));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null; // the other paths decide what such bytes mean
    }
  }
}
