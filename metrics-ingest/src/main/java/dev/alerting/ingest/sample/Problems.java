package dev.alerting.ingest.sample;

import java.util.ArrayList;
import java.util.List;

/** The problems found with one sample, line or series: the first category and every reason. */
final class Problems {
  private final List<String> reasons = new ArrayList<>(1);
  private RejectReason category;

  void add(RejectReason reason, String text) {
    if (category == null) {
      category = reason;
    }
    if (!reasons.contains(text)) { // several samples of one line often share a reason
      reasons.add(text);
    }
  }

  void addAll(Problems other) {
    other.reasons.forEach(r -> add(other.category, r));
  }

  boolean isEmpty() {
    return reasons.isEmpty();
  }

  SampleError toError(int position) {
    return new SampleError(position, category, String.join("; ", reasons));
  }
}
