package dev.alerting.promql.function;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import dev.alerting.promql.ast.Call;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.ast.Function;
import dev.alerting.promql.ast.MatrixSelector;
import dev.alerting.promql.ast.VectorSelector;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.Value;
import dev.alerting.promql.storage.SeriesSamples;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Dispatches a call to its implementation; arguments are already evaluated and type-checked by the
 * parser.
 */
public final class Functions {
  private Functions() {}

  /** Functions that read native histogram elements or points; the others see floats only. */
  private static final Set<Function> READ_HISTOGRAMS =
      EnumSet.of(
          Function.RESETS,
          Function.CHANGES,
          Function.COUNT_OVER_TIME,
          Function.LAST_OVER_TIME,
          Function.FIRST_OVER_TIME,
          Function.PRESENT_OVER_TIME,
          Function.SUM_OVER_TIME,
          Function.AVG_OVER_TIME,
          Function.TS_OF_FIRST_OVER_TIME,
          Function.TS_OF_LAST_OVER_TIME,
          Function.RATE,
          Function.INCREASE,
          Function.DELTA,
          Function.IRATE,
          Function.IDELTA,
          Function.HISTOGRAM_AVG,
          Function.HISTOGRAM_COUNT,
          Function.HISTOGRAM_FRACTION,
          Function.HISTOGRAM_QUANTILE,
          Function.HISTOGRAM_QUANTILES,
          Function.HISTOGRAM_STDDEV,
          Function.HISTOGRAM_STDVAR,
          Function.HISTOGRAM_SUM,
          Function.LABEL_REPLACE,
          Function.LABEL_JOIN,
          Function.TIMESTAMP,
          Function.ABSENT,
          Function.ABSENT_OVER_TIME,
          Function.SORT_BY_LABEL,
          Function.SORT_BY_LABEL_DESC);

  /**
   * Functions Prometheus evaluates over native histograms in ways not implemented here: they fail
   * on a histogram instead of ignoring it.
   */
  private static final Set<Function> HISTOGRAMS_UNSUPPORTED = EnumSet.noneOf(Function.class);

  /**
   * Whether the evaluator may compute {@code c} over the store's windows in place ({@link
   * #rangeElement}, {@link #floatRangeElement}) instead of through {@link #call}: rate, increase,
   * delta, irate and idelta of a matrix selector.
   */
  public static boolean readsWindowsInPlace(Call c) {
    return switch (c.function()) {
      case RATE, INCREASE, DELTA, IRATE, IDELTA -> c.args().get(0) instanceof MatrixSelector;
      default -> false;
    };
  }

  /**
   * The element a {@link #readsWindowsInPlace} call makes of one series' window {@code (rangeStart,
   * rangeEnd]} (stale markers removed), or null when none.
   */
  public static InstantSample rangeElement(
      Function f, SeriesSamples s, long rangeStart, long rangeEnd, long t) {
    return RateFunctions.element(f, s, rangeStart, rangeEnd, t);
  }

  /**
   * As {@link #rangeElement} for a window of floats without stale markers, the samples at {@code
   * [from, to)} of arrays read in place.
   */
  public static InstantSample floatRangeElement(
      Function f,
      Labels labels,
      long[] ts,
      double[] values,
      int from,
      int to,
      long rangeStart,
      long rangeEnd,
      long t) {
    return RateFunctions.floatElement(f, labels, ts, values, from, to, rangeStart, rangeEnd, t);
  }

  public static Value call(Call c, List<Value> args, long t) {
    if (!READ_HISTOGRAMS.contains(c.function())) {
      args = FloatArguments.floatsOnly(c.function(), args, HISTOGRAMS_UNSUPPORTED);
    }
    return dispatch(c, args, t);
  }

  private static Value dispatch(Call c, List<Value> args, long t) {
    return switch (c.function()) {
      case RATE, INCREASE, DELTA, IRATE, IDELTA ->
          RateFunctions.apply(c, (Value.Matrix) args.get(0), t);
      case AVG_OVER_TIME,
          MIN_OVER_TIME,
          MAX_OVER_TIME,
          SUM_OVER_TIME,
          COUNT_OVER_TIME,
          LAST_OVER_TIME,
          STDDEV_OVER_TIME,
          STDVAR_OVER_TIME,
          PRESENT_OVER_TIME,
          CHANGES,
          RESETS,
          DERIV,
          PREDICT_LINEAR,
          QUANTILE_OVER_TIME,
          FIRST_OVER_TIME,
          MAD_OVER_TIME,
          TS_OF_FIRST_OVER_TIME,
          TS_OF_LAST_OVER_TIME,
          TS_OF_MAX_OVER_TIME,
          TS_OF_MIN_OVER_TIME ->
          OverTimeFunctions.apply(c.function(), args, t);
      case DOUBLE_EXPONENTIAL_SMOOTHING ->
          Smoothing.apply(matrix(args, 0), scalar(args, 1), scalar(args, 2), t);
      case ABS,
          CEIL,
          FLOOR,
          EXP,
          LN,
          LOG2,
          LOG10,
          SQRT,
          SGN,
          CLAMP,
          CLAMP_MIN,
          CLAMP_MAX,
          ROUND,
          SIN,
          COS,
          TAN,
          ASIN,
          ACOS,
          ATAN,
          SINH,
          COSH,
          TANH,
          ASINH,
          ACOSH,
          ATANH,
          DEG,
          RAD ->
          MathFunctions.apply(c.function(), args, t);
      case PI -> new Value.Scalar(Math.PI);
      case MIN_OF -> new Value.Scalar(Math.min(scalar(args, 0), scalar(args, 1)));
      case MAX_OF -> new Value.Scalar(Math.max(scalar(args, 0), scalar(args, 1)));
      case SORT_BY_LABEL -> LabelSort.apply(args, false, t);
      case SORT_BY_LABEL_DESC -> LabelSort.apply(args, true, t);
      case START, END, RANGE, STEP ->
          throw new IllegalStateException(c.function().functionName() + "() is the evaluator's");
      case MINUTE, HOUR, DAY_OF_WEEK, DAY_OF_MONTH, DAY_OF_YEAR, DAYS_IN_MONTH, MONTH, YEAR ->
          DateFunctions.apply(c.function(), args, t);
      case HISTOGRAM_QUANTILE -> HistogramQuantile.apply(scalar(args, 0), vector(args, 1), t);
      case HISTOGRAM_QUANTILES -> quantiles(args, t);
      case HISTOGRAM_COUNT,
          HISTOGRAM_SUM,
          HISTOGRAM_AVG,
          HISTOGRAM_STDDEV,
          HISTOGRAM_STDVAR,
          HISTOGRAM_FRACTION ->
          HistogramFunctions.apply(c.function(), args, t);
      case LABEL_REPLACE -> LabelFunctions.replace(args, t);
      case LABEL_JOIN -> LabelFunctions.join(args, t);
      case ABSENT -> absent(c.args().get(0), vector(args, 0).isEmpty(), t);
      case ABSENT_OVER_TIME -> absent(c.args().get(0), matrix(args, 0).isEmpty(), t);
      case SCALAR_FN -> {
        List<InstantSample> v = vector(args, 0);
        yield new Value.Scalar(v.size() == 1 ? v.get(0).value() : Double.NaN);
      }
      case VECTOR_FN ->
          new Value.Vector(List.of(new InstantSample(Labels.empty(), scalar(args, 0), t)));
      case TIME -> new Value.Scalar(t / 1000.0);
      case TIMESTAMP -> timestamp(vector(args, 0), t);
      case SORT -> sorted(vector(args, 0), false, t);
      case SORT_DESC -> sorted(vector(args, 0), true, t);
    };
  }

  /**
   * histogram_quantiles(v, "label", q1, q2, ...): histogram_quantile at each q, the q written into
   * the label (Prometheus 3.x); two results left with the same labels are an error.
   */
  private static Value quantiles(List<Value> args, long t) {
    String label = string(args, 1);
    List<InstantSample> out = new ArrayList<>();
    for (int i = 2; i < args.size(); i++) {
      double q = scalar(args, i);
      Value.Vector v = (Value.Vector) HistogramQuantile.apply(q, vector(args, 0), t);
      for (InstantSample s : v.samples()) {
        out.add(s.withLabels(s.labels().with(label, Double.toString(q))));
      }
    }
    return new Value.Vector(out);
  }

  static List<InstantSample> vector(List<Value> args, int i) {
    return ((Value.Vector) args.get(i)).samples();
  }

  static List<dev.alerting.promql.storage.SeriesSamples> matrix(List<Value> args, int i) {
    return ((Value.Matrix) args.get(i)).series();
  }

  static double scalar(List<Value> args, int i) {
    return ((Value.Scalar) args.get(i)).value();
  }

  static String string(List<Value> args, int i) {
    return ((Value.Str) args.get(i)).value();
  }

  /**
   * Equality matchers of the selector become labels, unless a label is matched twice or not by
   * equality.
   */
  private static Value absent(Expr arg, boolean empty, long t) {
    if (!empty) {
      return new Value.Vector(List.of());
    }
    VectorSelector vs = null;
    if (arg instanceof VectorSelector v) {
      vs = v;
    } else if (arg instanceof MatrixSelector m) {
      vs = m.selector();
    }
    Map<String, String> labels = new TreeMap<>();
    if (vs != null) {
      Set<String> has = new HashSet<>();
      for (Matcher m : vs.matchers()) {
        if (m.name().equals(Labels.METRIC_NAME)) {
          continue;
        }
        if (m.type() == Matcher.Type.EQ && has.add(m.name())) {
          labels.put(m.name(), m.value());
        } else {
          labels.remove(m.name());
        }
      }
    }
    return new Value.Vector(List.of(new InstantSample(Labels.of(labels), 1, t)));
  }

  private static Value timestamp(List<InstantSample> in, long t) {
    List<InstantSample> out = new ArrayList<>(in.size());
    for (InstantSample s : in) {
      out.add(s.droppingName(s.timestamp() / 1000.0, t));
    }
    return new Value.Vector(out);
  }

  private static Value sorted(List<InstantSample> in, boolean descending, long t) {
    // NaNs go last either way, as in Prometheus.
    Comparator<InstantSample> byValue = Comparator.comparingDouble(InstantSample::value);
    List<InstantSample> out = new ArrayList<>();
    in.forEach(s -> out.add(s.with(s.value(), t)));
    out.sort(
        (a, b) -> {
          boolean an = Double.isNaN(a.value());
          boolean bn = Double.isNaN(b.value());
          if (an || bn) {
            return Boolean.compare(an, bn);
          }
          return descending ? byValue.compare(b, a) : byValue.compare(a, b);
        });
    return new Value.Vector(out);
  }
}
