package dev.alerting.template.exec;

import dev.alerting.template.GoMap;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Go's {@code index} and {@code slice} builtins; strings index and slice by byte, as in Go. */
final class Indexing {
  private Indexing() {}

  static Object index(Object item, List<Object> indexes) {
    if (item == null) {
      throw new IllegalArgumentException("index of untyped nil");
    }
    for (Object index : indexes) {
      if (item instanceof List<?> l) {
        int x = indexArg(index, l.size());
        if (x == l.size()) {
          throw new IllegalArgumentException("reflect: slice index out of range");
        }
        item = l.get(x);
      } else if (item instanceof String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int x = indexArg(index, b.length);
        if (x == b.length) {
          throw new IllegalArgumentException("reflect: string index out of range");
        }
        item = (long) (b[x] & 0xff);
      } else if (GoTypes.isMap(item)) {
        if (!(index instanceof String)) {
          throw new IllegalArgumentException(
              "value has type " + GoTypes.name(index) + "; should be string");
        }
        Map<?, ?> m = item instanceof GoMap g ? g.entries() : (Map<?, ?>) item;
        Object v = m.get(index);
        item = v == null && !m.containsKey(index) ? zero(item) : v;
      } else if (item == null) {
        throw new IllegalArgumentException("index of nil pointer");
      } else {
        throw new IllegalArgumentException("can't index item of type " + GoTypes.name(item));
      }
    }
    return item;
  }

  private static Object zero(Object map) {
    return map instanceof GoMap g ? g.zeroValue() : null;
  }

  static Object slice(Object item, List<Object> indexes) {
    if (item == null) {
      throw new IllegalArgumentException("slice of untyped nil");
    }
    if (indexes.size() > 3) {
      throw new IllegalArgumentException("too many slice indexes: " + indexes.size());
    }
    int cap;
    if (item instanceof String s) {
      if (indexes.size() == 3) {
        throw new IllegalArgumentException("cannot 3-index slice a string");
      }
      cap = s.getBytes(StandardCharsets.UTF_8).length;
    } else if (item instanceof List<?> l) {
      cap = l.size();
    } else {
      throw new IllegalArgumentException("can't slice item of type " + GoTypes.name(item));
    }
    int[] idx = {0, cap};
    for (int i = 0; i < indexes.size(); i++) {
      idx[Math.min(i, 1)] = indexArg(indexes.get(i), cap);
      if (i == 2) {
        idx = Arrays.copyOf(idx, 2);
      }
    }
    if (idx[0] > idx[1]) {
      throw new IllegalArgumentException("invalid slice index: " + idx[0] + " > " + idx[1]);
    }
    if (item instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return new String(Arrays.copyOfRange(b, idx[0], idx[1]), StandardCharsets.UTF_8);
    }
    return ((List<?>) item).subList(idx[0], idx[1]);
  }

  private static int indexArg(Object index, int cap) {
    if (index == null) {
      throw new IllegalArgumentException("cannot index slice/array with nil");
    }
    if (!GoTypes.isInt(index)) {
      throw new IllegalArgumentException(
          "cannot index slice/array with type " + GoTypes.name(index));
    }
    long x = ((Number) index).longValue();
    if (x < 0 || x > cap) {
      throw new IllegalArgumentException("index out of range: " + x);
    }
    return (int) x;
  }
}
