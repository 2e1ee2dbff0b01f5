package dev.alerting.promql.ast;

import static dev.alerting.promql.ast.ValueType.MATRIX;
import static dev.alerting.promql.ast.ValueType.SCALAR;
import static dev.alerting.promql.ast.ValueType.STRING;
import static dev.alerting.promql.ast.ValueType.VECTOR;

import java.util.List;
import java.util.Optional;

/**
 * The supported functions and their signatures. {@code optional} is how many trailing arguments may
 * be left out; -1 means the last argument type repeats without limit (label_join).
 */
public enum Function {
  ABS("abs", VECTOR, 0, VECTOR),
  ACOS("acos", VECTOR, 0, VECTOR),
  ACOSH("acosh", VECTOR, 0, VECTOR),
  ASIN("asin", VECTOR, 0, VECTOR),
  ASINH("asinh", VECTOR, 0, VECTOR),
  ATAN("atan", VECTOR, 0, VECTOR),
  ATANH("atanh", VECTOR, 0, VECTOR),
  COS("cos", VECTOR, 0, VECTOR),
  COSH("cosh", VECTOR, 0, VECTOR),
  DEG("deg", VECTOR, 0, VECTOR),
  DOUBLE_EXPONENTIAL_SMOOTHING("double_exponential_smoothing", VECTOR, 0, MATRIX, SCALAR, SCALAR),
  END("end", SCALAR, 0),
  FIRST_OVER_TIME("first_over_time", VECTOR, 0, MATRIX),
  MAD_OVER_TIME("mad_over_time", VECTOR, 0, MATRIX),
  MAX_OF("max_of", SCALAR, 0, SCALAR, SCALAR),
  MIN_OF("min_of", SCALAR, 0, SCALAR, SCALAR),
  PI("pi", SCALAR, 0),
  RAD("rad", VECTOR, 0, VECTOR),
  RANGE("range", SCALAR, 0),
  SIN("sin", VECTOR, 0, VECTOR),
  SINH("sinh", VECTOR, 0, VECTOR),
  SORT_BY_LABEL("sort_by_label", VECTOR, -1, VECTOR, STRING),
  SORT_BY_LABEL_DESC("sort_by_label_desc", VECTOR, -1, VECTOR, STRING),
  START("start", SCALAR, 0),
  STEP("step", SCALAR, 0),
  TAN("tan", VECTOR, 0, VECTOR),
  TANH("tanh", VECTOR, 0, VECTOR),
  TS_OF_FIRST_OVER_TIME("ts_of_first_over_time", VECTOR, 0, MATRIX),
  TS_OF_LAST_OVER_TIME("ts_of_last_over_time", VECTOR, 0, MATRIX),
  TS_OF_MAX_OVER_TIME("ts_of_max_over_time", VECTOR, 0, MATRIX),
  TS_OF_MIN_OVER_TIME("ts_of_min_over_time", VECTOR, 0, MATRIX),
  ABSENT("absent", VECTOR, 0, VECTOR),
  ABSENT_OVER_TIME("absent_over_time", VECTOR, 0, MATRIX),
  AVG_OVER_TIME("avg_over_time", VECTOR, 0, MATRIX),
  CEIL("ceil", VECTOR, 0, VECTOR),
  CHANGES("changes", VECTOR, 0, MATRIX),
  CLAMP("clamp", VECTOR, 0, VECTOR, SCALAR, SCALAR),
  CLAMP_MAX("clamp_max", VECTOR, 0, VECTOR, SCALAR),
  CLAMP_MIN("clamp_min", VECTOR, 0, VECTOR, SCALAR),
  DAY_OF_MONTH("day_of_month", VECTOR, 1, VECTOR),
  DAY_OF_WEEK("day_of_week", VECTOR, 1, VECTOR),
  DAY_OF_YEAR("day_of_year", VECTOR, 1, VECTOR),
  DAYS_IN_MONTH("days_in_month", VECTOR, 1, VECTOR),
  COUNT_OVER_TIME("count_over_time", VECTOR, 0, MATRIX),
  DELTA("delta", VECTOR, 0, MATRIX),
  DERIV("deriv", VECTOR, 0, MATRIX),
  EXP("exp", VECTOR, 0, VECTOR),
  FLOOR("floor", VECTOR, 0, VECTOR),
  HISTOGRAM_AVG("histogram_avg", VECTOR, 0, VECTOR),
  HISTOGRAM_COUNT("histogram_count", VECTOR, 0, VECTOR),
  HISTOGRAM_FRACTION("histogram_fraction", VECTOR, 0, SCALAR, SCALAR, VECTOR),
  HISTOGRAM_QUANTILE("histogram_quantile", VECTOR, 0, SCALAR, VECTOR),
  HISTOGRAM_STDDEV("histogram_stddev", VECTOR, 0, VECTOR),
  HISTOGRAM_STDVAR("histogram_stdvar", VECTOR, 0, VECTOR),
  HISTOGRAM_SUM("histogram_sum", VECTOR, 0, VECTOR),
  HOUR("hour", VECTOR, 1, VECTOR),
  IDELTA("idelta", VECTOR, 0, MATRIX),
  INCREASE("increase", VECTOR, 0, MATRIX),
  IRATE("irate", VECTOR, 0, MATRIX),
  LABEL_JOIN("label_join", VECTOR, -1, VECTOR, STRING, STRING, STRING),
  LABEL_REPLACE("label_replace", VECTOR, 0, VECTOR, STRING, STRING, STRING, STRING),
  LAST_OVER_TIME("last_over_time", VECTOR, 0, MATRIX),
  LN("ln", VECTOR, 0, VECTOR),
  LOG10("log10", VECTOR, 0, VECTOR),
  LOG2("log2", VECTOR, 0, VECTOR),
  MAX_OVER_TIME("max_over_time", VECTOR, 0, MATRIX),
  MIN_OVER_TIME("min_over_time", VECTOR, 0, MATRIX),
  MINUTE("minute", VECTOR, 1, VECTOR),
  MONTH("month", VECTOR, 1, VECTOR),
  PREDICT_LINEAR("predict_linear", VECTOR, 0, MATRIX, SCALAR),
  PRESENT_OVER_TIME("present_over_time", VECTOR, 0, MATRIX),
  QUANTILE_OVER_TIME("quantile_over_time", VECTOR, 0, SCALAR, MATRIX),
  RATE("rate", VECTOR, 0, MATRIX),
  RESETS("resets", VECTOR, 0, MATRIX),
  ROUND("round", VECTOR, 1, VECTOR, SCALAR),
  SCALAR_FN("scalar", SCALAR, 0, VECTOR),
  SGN("sgn", VECTOR, 0, VECTOR),
  SORT("sort", VECTOR, 0, VECTOR),
  SORT_DESC("sort_desc", VECTOR, 0, VECTOR),
  SQRT("sqrt", VECTOR, 0, VECTOR),
  STDDEV_OVER_TIME("stddev_over_time", VECTOR, 0, MATRIX),
  STDVAR_OVER_TIME("stdvar_over_time", VECTOR, 0, MATRIX),
  SUM_OVER_TIME("sum_over_time", VECTOR, 0, MATRIX),
  TIME("time", SCALAR, 0),
  TIMESTAMP("timestamp", VECTOR, 0, VECTOR),
  VECTOR_FN("vector", VECTOR, 0, SCALAR),
  YEAR("year", VECTOR, 1, VECTOR);

  private final String functionName;
  private final ValueType returnType;
  private final int optional;
  private final List<ValueType> argTypes;

  Function(String functionName, ValueType returnType, int optional, ValueType... argTypes) {
    this.functionName = functionName;
    this.returnType = returnType;
    this.optional = optional;
    this.argTypes = List.of(argTypes);
  }

  public String functionName() {
    return functionName;
  }

  public ValueType returnType() {
    return returnType;
  }

  public List<ValueType> argTypes() {
    return argTypes;
  }

  public int minArgs() {
    return optional == 0 ? argTypes.size() : argTypes.size() - Math.abs(optional);
  }

  /** Maximum number of arguments, or {@link Integer#MAX_VALUE} when the last one repeats. */
  public int maxArgs() {
    return optional < 0 ? Integer.MAX_VALUE : argTypes.size();
  }

  /** The expected type of argument {@code i}; repeating signatures reuse the last type. */
  public ValueType argType(int i) {
    return argTypes.get(Math.min(i, argTypes.size() - 1));
  }

  /**
   * Whether the value is a bound of the query ({@code start() end() range() step()}), which the
   * evaluator knows and the functions do not.
   */
  public boolean readsQueryWindow() {
    return this == START || this == END || this == RANGE || this == STEP;
  }

  /** By name; the query-window functions are keywords in Prometheus, so any case (STEP()). */
  public static Optional<Function> byName(String name) {
    for (Function f : values()) {
      if (f.functionName.equals(name)
          || (f.readsQueryWindow() && f.functionName.equalsIgnoreCase(name))) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
