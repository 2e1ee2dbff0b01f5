package dev.alerting.promql.binary;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.promql.ast.Binary;
import dev.alerting.promql.ast.BinaryOp;
import dev.alerting.promql.ast.VectorMatching;
import dev.alerting.promql.ast.VectorMatching.Cardinality;
import dev.alerting.promql.engine.EvaluationException;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.LabelMemo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Vector-to-vector operations with on/ignoring matching, group_left/group_right and the set
 * operators.
 */
final class VectorMatcher {
  private VectorMatcher() {}

  static List<InstantSample> evaluate(
      Binary b, List<InstantSample> lhs, List<InstantSample> rhs, long t) {
    VectorMatching m = b.matching();
    return switch (b.op()) {
      case AND -> filter(lhs, rhs, m, true, t);
      case UNLESS -> filter(lhs, rhs, m, false, t);
      case OR -> or(lhs, rhs, m, t);
      default -> arithmetic(b, lhs, rhs, t);
    };
  }

  /**
   * The matching signature: the {@code on} labels, or all labels but the ignored ones and the name.
   */
  static Labels signature(Labels labels, VectorMatching m) {
    return LabelMemo.derive(labels, m, l -> signatureNow(l, m));
  }

  private static Labels signatureNow(Labels labels, VectorMatching m) {
    if (m.on()) {
      Map<String, String> kept = new TreeMap<>();
      for (String l : m.labels()) {
        String v = labels.get(l);
        if (v != null) {
          kept.put(l, v);
        }
      }
      return Labels.of(kept);
    }
    Labels out = labels.without(Labels.METRIC_NAME);
    for (String l : m.labels()) {
      out = out.without(l);
    }
    return out;
  }

  private static List<InstantSample> filter(
      List<InstantSample> lhs,
      List<InstantSample> rhs,
      VectorMatching m,
      boolean keepMatched,
      long t) {
    Set<Labels> right = new HashSet<>();
    rhs.forEach(s -> right.add(signature(s.labels(), m)));
    List<InstantSample> out = new ArrayList<>();
    for (InstantSample s : lhs) {
      if (right.contains(signature(s.labels(), m)) == keepMatched) {
        out.add(s.at(t));
      }
    }
    return out;
  }

  private static List<InstantSample> or(
      List<InstantSample> lhs, List<InstantSample> rhs, VectorMatching m, long t) {
    Set<Labels> left = new HashSet<>();
    List<InstantSample> out = new ArrayList<>();
    for (InstantSample s : lhs) {
      left.add(signature(s.labels(), m));
      out.add(s.at(t));
    }
    for (InstantSample s : rhs) {
      if (!left.contains(signature(s.labels(), m))) {
        out.add(s.at(t));
      }
    }
    return out;
  }

  /**
   * Prometheus's {@code VectorBinop}: the "one" side is indexed by signature; duplicates there are
   * many-to-many.
   */
  private static List<InstantSample> arithmetic(
      Binary b, List<InstantSample> lhs, List<InstantSample> rhs, long t) {
    VectorMatching m = b.matching();
    BinaryOp op = b.op();
    List<InstantSample> out = new ArrayList<>();
    if ((lhs.isEmpty() || rhs.isEmpty()) && !m.fills()) {
      return out;
    }
    boolean swapped = m.card() == Cardinality.ONE_TO_MANY;
    // As Prometheus, after the swap for group_right: fill_left stands in for a missing element of
    // the "many" side, fill_right for one of the "one" side.
    Double fillMany = m.fillLeft();
    Double fillOne = m.fillRight();
    Set<Labels> partnered = fillMany == null ? null : new HashSet<>();
    List<InstantSample> many = swapped ? rhs : lhs;
    List<InstantSample> one = swapped ? lhs : rhs;
    Map<Labels, InstantSample> oneSide = new HashMap<>();
    for (InstantSample s : one) {
      Labels sig = signature(s.labels(), m);
      InstantSample dup = oneSide.put(sig, s);
      if (dup != null) {
        throw new EvaluationException(
            "found duplicate series for the match group "
                + sig
                + " on the "
                + (swapped ? "left" : "right")
                + " hand-side of the operation: ["
                + s.labels()
                + ", "
                + dup.labels()
                + "];many-to-many matching not allowed: matching labels must be unique on one side");
      }
    }
    Map<Labels, Set<Labels>> matched = new HashMap<>();
    for (InstantSample s : many) {
      Labels sig = signature(s.labels(), m);
      InstantSample o = oneSide.get(sig);
      if (o == null) {
        if (fillOne == null) {
          continue;
        }
        // the joined group_x labels have nothing to come from
        o = new InstantSample(Labels.empty(), fillOne, t);
      } else {
        if (partnered != null) {
          partnered.add(sig);
        }
        // Checked before a comparison filters: a missing group_left is an error even when the
        // comparison would have kept none of the duplicates (Prometheus 3).
        if (m.card() == Cardinality.ONE_TO_ONE && matched.put(sig, Set.of()) != null) {
          throw new EvaluationException(
              "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
        }
      }
      Object value = swapped ? combine(b, o, s) : combine(b, s, o);
      if (value == null) {
        continue;
      }
      // trimming a histogram keeps its name, as a comparison's filter does
      boolean dropName = b.returnBool() || !(op.isComparison() || op.isTrim()) || s.dropName();
      Labels metric = resultLabels(s.labels(), o.labels(), m);
      if (m.card() != Cardinality.ONE_TO_ONE) {
        Set<Labels> inserted = matched.computeIfAbsent(sig, k -> new HashSet<>());
        if (!inserted.add(metric)) {
          throw new EvaluationException(
              "multiple matches for labels: grouping labels must ensure unique matches");
        }
      }
      out.add(element(metric, value, t, dropName));
    }
    if (partnered != null) {
      // an element of the "one" side nothing matched: its match group's labels, the fill value
      for (InstantSample o : one) {
        Labels sig = signature(o.labels(), m);
        if (partnered.add(sig)) {
          InstantSample fill = new InstantSample(Labels.empty(), fillMany, t);
          Object value = swapped ? combine(b, o, fill) : combine(b, fill, o);
          if (value != null) {
            out.add(element(sig, value, t, true));
          }
        }
      }
    }
    return out;
  }

  private static InstantSample element(Labels metric, Object value, long t, boolean dropName) {
    return value instanceof FloatHistogram h
        ? InstantSample.histogram(metric, h, t, dropName)
        : new InstantSample(metric, (Double) value, t, dropName);
  }

  /**
   * The element's value (a Double or, with a histogram operand, possibly a FloatHistogram), or null
   * when a comparison without bool filters it out or the operands do not combine.
   */
  private static Object combine(Binary b, InstantSample l, InstantSample r) {
    if (l.isHistogram() || r.isHistogram()) {
      return HistogramOperands.combine(
          b.op(), b.returnBool(), l.value(), l.histogram(), r.value(), r.histogram());
    }
    return combine(b, l.value(), r.value());
  }

  /** The element's value, or null when a comparison without bool filters it out. */
  private static Double combine(Binary b, double l, double r) {
    if (b.op().isTrim()) {
      return null; // trimming applies to histograms; floats drop
    }
    if (!b.op().isComparison()) {
      return Arithmetic.apply(b.op(), l, r);
    }
    boolean keep = Arithmetic.compare(b.op(), l, r);
    if (b.returnBool()) {
      return keep ? 1.0 : 0.0;
    }
    return keep ? l : null;
  }

  /**
   * Labels come from the "many" side (lhs for one-to-one); group_x extra labels are copied from the
   * "one" side.
   */
  private static Labels resultLabels(Labels many, Labels one, VectorMatching m) {
    Labels out = many;
    if (m.card() == Cardinality.ONE_TO_ONE) {
      if (m.on()) {
        Map<String, String> kept = new TreeMap<>();
        for (String l : m.labels()) {
          String v = out.get(l);
          if (v != null) {
            kept.put(l, v);
          }
        }
        out = Labels.of(kept);
      } else {
        for (String l : m.labels()) {
          out = out.without(l);
        }
      }
    }
    for (String l : m.include()) {
      out = out.with(l, one.getOrEmpty(l));
    }
    return out;
  }
}
