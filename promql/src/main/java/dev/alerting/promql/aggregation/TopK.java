package dev.alerting.promql.aggregation;

import dev.alerting.promql.engine.InstantSample;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * topk/bottomk: the k largest/smallest elements per group, keeping their full labels; NaN ranks
 * last either way.
 */
final class TopK {
  private TopK() {}

  static List<InstantSample> select(
      Collection<List<InstantSample>> groups, long k, boolean top, long t) {
    List<InstantSample> out = new ArrayList<>();
    if (k < 1) {
      return out;
    }
    Comparator<InstantSample> order =
        (a, b) -> {
          boolean an = Double.isNaN(a.value());
          boolean bn = Double.isNaN(b.value());
          if (an || bn) {
            return Boolean.compare(an, bn);
          }
          return top ? Double.compare(b.value(), a.value()) : Double.compare(a.value(), b.value());
        };
    for (List<InstantSample> members : groups) {
      List<InstantSample> sorted = new ArrayList<>(members);
      sorted.sort(order);
      for (int i = 0; i < Math.min(k, sorted.size()); i++) {
        InstantSample s = sorted.get(i);
        out.add(s.with(s.value(), t));
      }
    }
    return out;
  }
}
