package dev.alerting.promql.function;

import dev.alerting.model.Labels;
import dev.alerting.promql.ast.Function;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.Value;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * hour, minute, month, year, day_of_week, day_of_month, day_of_year, days_in_month: each sample's
 * value read as Unix seconds (truncated), in UTC; with no argument, of the evaluation time.
 */
final class DateFunctions {
  private DateFunctions() {}

  static Value apply(Function f, List<Value> args, long t) {
    if (args.isEmpty()) {
      // Whole seconds of the evaluation time, as Prometheus (t / 1000 truncated).
      double v = part(f, t / 1000);
      return new Value.Vector(List.of(new InstantSample(Labels.empty(), v, t)));
    }
    List<InstantSample> in = Functions.vector(args, 0);
    List<InstantSample> out = new ArrayList<>(in.size());
    for (InstantSample s : in) {
      double v = Double.isFinite(s.value()) ? part(f, (long) s.value()) : Double.NaN;
      out.add(s.droppingName(v, t));
    }
    return new Value.Vector(out);
  }

  /** NaN for a time outside what java.time can represent (hundreds of millions of years). */
  private static double part(Function f, long epochSecond) {
    ZonedDateTime d;
    try {
      d = Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return Double.NaN;
    }
    return switch (f) {
      case MINUTE -> d.getMinute();
      case HOUR -> d.getHour();
      case DAY_OF_WEEK -> d.getDayOfWeek().getValue() % 7; // Sunday is 0, as in Go
      case DAY_OF_MONTH -> d.getDayOfMonth();
      case DAY_OF_YEAR -> d.getDayOfYear();
      case DAYS_IN_MONTH -> d.toLocalDate().lengthOfMonth();
      case MONTH -> d.getMonthValue();
      case YEAR -> d.getYear();
      default -> throw new IllegalArgumentException(f.functionName());
    };
  }
}
