package dev.alerting.promql.function;

import dev.alerting.model.Labels;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * sort_by_label and sort_by_label_desc: by the named labels' values in natural order ("cpu2" before
 * "cpu10"), ties broken by the whole label set, all reversed for _desc.
 */
final class LabelSort {
  private LabelSort() {}

  static Value apply(List<Value> args, boolean descending, long t) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      names.add(Functions.string(args, i));
    }
    Comparator<InstantSample> order =
        (a, b) -> {
          for (String n : names) {
            int c = natural(a.labels().getOrEmpty(n), b.labels().getOrEmpty(n));
            if (c != 0) {
              return c;
            }
          }
          return compare(a.labels(), b.labels());
        };
    List<InstantSample> out = new ArrayList<>();
    Functions.vector(args, 0).forEach(s -> out.add(s.with(s.value(), t)));
    out.sort(descending ? order.reversed() : order);
    return new Value.Vector(out);
  }

  /** Runs of digits compare as numbers, everything else character by character. */
  static int natural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int ei = digitsEnd(a, i);
        int ej = digitsEnd(b, j);
        String na = stripZeros(a.substring(i, ei));
        String nb = stripZeros(b.substring(j, ej));
        int c =
            na.length() != nb.length()
                ? Integer.compare(na.length(), nb.length())
                : na.compareTo(nb);
        if (c != 0) {
          return c;
        }
        i = ei;
        j = ej;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static int digitsEnd(String s, int from) {
    int e = from;
    while (e < s.length() && Character.isDigit(s.charAt(e))) {
      e++;
    }
    return e;
  }

  private static String stripZeros(String digits) {
    int k = 0;
    while (k < digits.length() - 1 && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }

  /** Prometheus's label-set order: pair by pair in name order, name then value; shorter first. */
  static int compare(Labels a, Labels b) {
    Iterator<Map.Entry<String, String>> ia = a.asMap().entrySet().iterator();
    Iterator<Map.Entry<String, String>> ib = b.asMap().entrySet().iterator();
    while (ia.hasNext() && ib.hasNext()) {
      Map.Entry<String, String> ea = ia.next();
      Map.Entry<String, String> eb = ib.next();
      int c = ea.getKey().compareTo(eb.getKey());
      if (c == 0) {
        c = ea.getValue().compareTo(eb.getValue());
      }
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(ia.hasNext(), ib.hasNext());
  }
}
