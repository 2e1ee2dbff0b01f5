package dev.alerting.promql.aggregation;

import dev.alerting.promql.engine.InstantSample;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * limitk and limit_ratio: a subset of each group, elements unchanged. limitk keeps the first k of a
 * group in input order; limit_ratio keeps an element when its label hash, as a fraction of the hash
 * range, falls below the ratio (or, for a negative ratio, at or above 1 + ratio), so {@code
 * limit_ratio(r, x)} and {@code limit_ratio(-(1 - r), x)} split x in two. The hash is our label
 * fingerprint, not Prometheus's, so which elements a ratio picks differs from Prometheus.
 */
final class Limits {
  private Limits() {}

  static List<InstantSample> first(Collection<List<InstantSample>> groups, long k, long t) {
    List<InstantSample> out = new ArrayList<>();
    for (List<InstantSample> members : groups) {
      for (int i = 0; i < Math.min(k, members.size()); i++) {
        InstantSample s = members.get(i);
        out.add(s.at(t));
      }
    }
    return out;
  }

  static List<InstantSample> ratio(Collection<List<InstantSample>> groups, double r, long t) {
    double ratio = Math.max(-1, Math.min(1, r));
    List<InstantSample> out = new ArrayList<>();
    for (List<InstantSample> members : groups) {
      for (InstantSample s : members) {
        double at = (s.labels().fingerprint() >>> 11) * 0x1.0p-53;
        if (ratio >= 0 ? at < ratio : at >= 1 + ratio) {
          out.add(s.at(t));
        }
      }
    }
    return out;
  }
}
