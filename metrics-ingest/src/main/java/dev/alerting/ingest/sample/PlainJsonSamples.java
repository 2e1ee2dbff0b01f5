package dev.alerting.ingest.sample;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.codec.LabelCache;
import java.util.ArrayList;
import java.util.List;

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
 * <p>A label set is looked up by the raw bytes of its name and labels object in a cache of checked
 * label sets ({@link PlainLabels}): a series pushed again costs no strings, maps or checks, only a
 * hash of its bytes ({@link LabelCache}). The bytes themselves are read by a {@link PlainCursor}.
 */
final class PlainJsonSamples {
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
    return new Body(body, nowMillis).samples();
  }

  /** One body being read: the array of elements and each element's fields. */
  private final class Body {
    private final PlainCursor c;
    private final PlainLabels labels;
    private final long nowMillis;
    private final long earliest;
    private final long latest;

    Body(byte[] body, long nowMillis) {
      this.c = new PlainCursor(body);
      this.labels = new PlainLabels(limits, series, body);
      this.nowMillis = nowMillis;
      this.earliest = nowMillis - limits.maxSampleAge().toMillis();
      this.latest = nowMillis + limits.maxFutureSkew().toMillis();
    }

    List<Sample> samples() {
      c.blanks();
      if (!c.take('[')) {
        return null;
      }
      List<Sample> samples = new ArrayList<>();
      c.blanks();
      if (!c.take(']')) {
        while (true) {
          if (samples.size() >= limits.maxSamplesPerRequest()) {
            return null; // the careful path words the limit
          }
          Sample s = element();
          if (s == null) {
            return null;
          }
          samples.add(s);
          c.blanks();
          if (c.take(']')) {
            break;
          }
          if (!c.take(',')) {
            return null;
          }
          c.blanks();
        }
      }
      c.blanks();
      return c.atEnd() ? samples : null;
    }

    private Sample element() {
      if (!c.take('{')) {
        return null;
      }
      int seen = 0; // one bit per field
      labels.reset();
      int nameFrom = 0;
      int nameTo = 0;
      double value = 0;
      long timestamp = nowMillis;
      do {
        c.blanks();
        int field = fieldName();
        if (field < 0 || (seen & 1 << field) != 0) {
          return null; // unknown or repeated: the careful path words it
        }
        seen |= 1 << field;
        c.blanks();
        if (!c.take(':')) {
          return null;
        }
        c.blanks();
        switch (field) {
          case NAME -> {
            nameFrom = c.p + 1;
            if (!c.string()) {
              return null;
            }
            nameTo = c.p - 1;
          }
          case LABELS -> {
            if (!labels.read(c)) {
              return null;
            }
          }
          case VALUE -> {
            value = c.value();
            if (Double.isNaN(value)) {
              return null;
            }
          }
          case TIMESTAMP -> {
            timestamp = c.timestamp();
            if (timestamp < earliest || timestamp > latest || timestamp <= 0) {
              return null;
            }
          }
        }
        c.blanks();
      } while (c.take(','));
      if (!c.take('}') || (seen & (1 << NAME | 1 << VALUE)) != (1 << NAME | 1 << VALUE)) {
        return null;
      }
      Labels set = labels.labelSet(nameFrom, nameTo);
      return set == null ? null : new Sample(set, value, timestamp);
    }

    /** Reads a quoted field name: which of the four it is, or -1. */
    private int fieldName() {
      byte[] b = c.b;
      int p = c.p;
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
      c.p = from + spelled.length();
      return field;
    }
  }
}
