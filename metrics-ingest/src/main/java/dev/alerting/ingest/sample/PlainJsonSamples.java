package dev.alerting.ingest.sample;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.LabelCache;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The first path of {@link SampleValidator}: reads a plainly written body straight from its bytes,
 * without a tokenizer, chars or strings, and succeeds only when every sample is plainly valid.
 * Plain means: JSON whitespace anywhere between tokens; each element an object of the four fields
 * in any order, each at most once; strings without escapes or control characters; a value of JSON
 * number syntax with at most 15 digits and no exponent (an integer: at most 18); a timestamp of at
 * most 18 digits. Anything else (and any invalid sample) is declined, and the next path reads the
 * body again: {@link ValidJsonSamples}, then the careful reader that words every problem. The
 * results are exactly those of the other paths (PlainJsonSamplesTest compares them on fuzzed
 * bodies).
 *
 * <p>A label set is looked up by the raw bytes of its name and labels object (no escapes, so the
 * bytes are the label set) in a cache of checked label sets: a series pushed again costs no
 * strings, maps or checks, only a hash of its bytes ({@link LabelCache}).
 */
final class PlainJsonSamples {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';

  // the fields, as bit positions of the fields seen
  private static final int NAME = 0;
  private static final int LABELS = 1;
  private static final int VALUE = 2;
  private static final int TIMESTAMP = 3;

  private final SampleLimits limits;
  private final LabelCache series = new LabelCache(ValidJsonSamples.CACHED_SERIES);

  PlainJsonSamples(SampleLimits limits) {
    this.limits = limits;
  }

  /** The samples of {@code body} if all are valid and plainly written; null otherwise. */
  List<Sample> read(byte[] body, long nowMillis) {
    return new Cursor(body, nowMillis).samples();
  }

  /** One body being read; {@code p} is the next byte. */
  private final class Cursor {
    private final byte[] b;
    private final long nowMillis;
    private final long earliest;
    private final long latest;
    private int p;

    // the element being read: its name, its labels object and each label's name and value, as
    // [from, to) spans of the body
    private int nameFrom;
    private int nameTo;
    private int labelsFrom;
    private int labelsTo;
    private int labelCount;
    private int[] spans = new int[16];
    private byte[] key = new byte[128];

    Cursor(byte[] body, long nowMillis) {
      this.b = body;
      this.nowMillis = nowMillis;
      this.earliest = nowMillis - limits.maxSampleAge().toMillis();
      this.latest = nowMillis + limits.maxFutureSkew().toMillis();
    }

    List<Sample> samples() {
      blanks();
      if (!take('[')) {
        return null;
      }
      List<Sample> samples = new ArrayList<>();
      blanks();
      if (!take(']')) {
        while (true) {
          if (samples.size() >= limits.maxSamplesPerRequest()) {
            return null; // the careful path words the limit
          }
          Sample s = element();
          if (s == null) {
            return null;
          }
          samples.add(s);
          blanks();
          if (take(']')) {
            break;
          }
          if (!take(',')) {
            return null;
          }
          blanks();
        }
      }
      blanks();
      return p == b.length ? samples : null;
    }

    private Sample element() {
      if (!take('{')) {
        return null;
      }
      int seen = 0; // one bit per field
      labelsFrom = -1;
      labelCount = 0;
      double value = 0;
      long timestamp = nowMillis;
      do {
        blanks();
        int field = fieldName();
        if (field < 0 || (seen & 1 << field) != 0) {
          return null; // unknown or repeated: the careful path words it
        }
        seen |= 1 << field;
        blanks();
        if (!take(':')) {
          return null;
        }
        blanks();
        switch (field) {
          case NAME -> {
            nameFrom = p + 1;
            if (!string()) {
              return null;
            }
            nameTo = p - 1;
          }
          case LABELS -> {
            if (!labels()) {
              return null;
            }
          }
          case VALUE -> {
            value = value();
            if (Double.isNaN(value)) {
              return null;
            }
          }
          case TIMESTAMP -> {
            timestamp = timestamp();
            if (timestamp < earliest || timestamp > latest || timestamp <= 0) {
              return null;
            }
          }
        }
        blanks();
      } while (take(','));
      if (!take('}') || (seen & (1 << NAME | 1 << VALUE)) != (1 << NAME | 1 << VALUE)) {
        return null;
      }
      Labels labels = labelSet();
      return labels == null ? null : new Sample(labels, value, timestamp);
    }

    /** Reads a quoted field name: which of the four it is, or -1. */
    private int fieldName() {
      if (p + 1 >= b.length || b[p] != '"') {
        return -1;
      }
      // told by the first letter, then the rest and the closing quote compared in place
      int field;
      String spelled;
      switch (b[p + 1]) {
        case 'n' -> {
          field = NAME;
          spelled = "name\"";
        }
        case 'l' -> {
          field = LABELS;
          spelled = "labels\"";
        }
        case 'v' -> {
          field = VALUE;
          spelled = "value\"";
        }
        case 't' -> {
          field = TIMESTAMP;
          spelled = "timestamp\"";
        }
        default -> {
          return -1;
        }
      }
      int from = p + 1;
      if (b.length - from < spelled.length()) {
        return -1;
      }
      for (int i = 1; i < spelled.length(); i++) {
        if (b[from + i] != spelled.charAt(i)) {
          return -1;
        }
      }
      p = from + spelled.length();
      return field;
    }

    /**
     * Skips a string without escapes or control characters (bytes from 0x80 are checked as UTF-8
     * only when a label set is built); false for anything else. Eight bytes at a time while none of
     * them is a quote, a backslash or a control character.
     */
    private boolean string() {
      if (!take('"')) {
        return false;
      }
      int i = p;
      for (; i + Long.BYTES <= b.length; i += Long.BYTES) {
        long w = (long) LONGS.get(b, i);
        if (hasZeroByte(w ^ QUOTES) || hasZeroByte(w ^ BACKSLASHES) || hasControl(w)) {
          break; // one of them is in these eight: read them one by one
        }
      }
      for (; i < b.length; i++) {
        int c = b[i];
        if (c == '"') {
          p = i + 1;
          return true;
        }
        if (c == '\\' || (c >= 0 && c < 0x20)) {
          return false;
        }
      }
      return false;
    }

    /** Reads the labels object, noting each label's spans. */
    private boolean labels() {
      labelsFrom = p;
      if (!take('{')) {
        return false;
      }
      blanks();
      if (!take('}')) {
        do {
          blanks();
          if (labelCount == limits.maxLabels()) {
            return false; // one too many: the careful path words the limit
          }
          int at = 4 * labelCount;
          if (at == spans.length) {
            spans = Arrays.copyOf(spans, 2 * spans.length);
          }
          spans[at] = p + 1;
          if (!string()) {
            return false;
          }
          spans[at + 1] = p - 1;
          blanks();
          if (!take(':')) {
            return false;
          }
          blanks();
          spans[at + 2] = p + 1;
          if (!string()) {
            return false;
          }
          spans[at + 3] = p - 1;
          labelCount++;
          blanks();
        } while (take(','));
        if (!take('}')) {
          return false;
        }
      }
      labelsTo = p;
      return true;
    }

    /** A number as JSON writes it, within the plain bounds; NaN otherwise. */
    private double value() {
      int from = p;
      int fraction = number();
      if (fraction < 0) {
        return Double.NaN;
      }
      if (fraction == 0) {
        long v = PlainNumbers.integer(b, from, p, false);
        // as Jackson: an integer token is read as a long, so -0 is 0
        return v == PlainNumbers.NOT_PLAIN ? Double.NaN : (double) v;
      }
      return PlainNumbers.decimal(b, from, p);
    }

    /** An integer as JSON writes it, of at most 18 digits; {@link Long#MIN_VALUE} otherwise. */
    private long timestamp() {
      int from = p;
      if (number() != 0) {
        return Long.MIN_VALUE;
      }
      return PlainNumbers.integer(b, from, p, false);
    }

    /**
     * Skips {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?}: the number of fraction digits, or -1 when the
     * syntax is not that (an exponent included).
     */
    private int number() {
      take('-');
      int first = p;
      while (p < b.length && b[p] >= '0' && b[p] <= '9') {
        p++;
      }
      if (p == first || (b[first] == '0' && p - first > 1)) {
        return -1;
      }
      int fraction = 0;
      if (take('.')) {
        int digits = p;
        while (p < b.length && b[p] >= '0' && b[p] <= '9') {
          p++;
        }
        fraction = p - digits;
        if (fraction == 0) {
          return -1;
        }
      }
      if (p < b.length && (b[p] == 'e' || b[p] == 'E')) {
        return -1;
      }
      return fraction;
    }

    /**
     * The element's label set from the cache, keyed by the name's bytes, a 0 (which no plain string
     * holds), and the labels object's bytes; built and checked when not cached.
     */
    private Labels labelSet() {
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
        labels = build();
        if (labels != null) {
          series.put(key, 0, length, labels);
        }
      }
      return labels;
    }

    /** The label set of the element, checked like every other push; null if anything is wrong. */
    private Labels build() {
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
            || label.startsWith("__")
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

    /** Whether a byte of {@code w} is 0 (exact: no false positives). */
    private static boolean hasZeroByte(long w) {
      return ((w - ONES) & ~w & HIGHS) != 0;
    }

    /** Whether a byte of {@code w} is below 0x20 (bytes from 0x80 are not). */
    private static boolean hasControl(long w) {
      return ((w - ONES * 0x20) & ~w & HIGHS) != 0;
    }

    private void blanks() {
      while (p < b.length) {
        byte c = b[p];
        if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
          return;
        }
        p++;
      }
    }

    private boolean take(char c) {
      if (p < b.length && b[p] == c) {
        p++;
        return true;
      }
      return false;
    }
  }
}
