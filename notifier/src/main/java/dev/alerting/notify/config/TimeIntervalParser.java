package dev.alerting.notify.config;

import dev.alerting.notify.timeinterval.IntRange;
import dev.alerting.notify.timeinterval.TimeInterval;
import dev.alerting.notify.timeinterval.TimeIntervalSyntax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads {@code time_intervals} and the deprecated {@code mute_time_intervals} top-level lists. */
final class TimeIntervalParser {
  private static final Set<String> NAMED = Set.of("name", "time_intervals");
  private static final Set<String> ENTRY =
      Set.of("times", "weekdays", "days_of_month", "months", "years", "location");
  private static final Set<String> TIMES = Set.of("start_time", "end_time");

  private TimeIntervalParser() {}

  static Map<String, List<TimeInterval>> parse(Node root, List<String> warnings) {
    Map<String, List<TimeInterval>> out = new LinkedHashMap<>();
    for (String key : List.of("time_intervals", "mute_time_intervals")) {
      for (Node n : root.objects(key)) {
        n.warnUnknown(NAMED, warnings);
        String name = n.required("name");
        if (out.containsKey(name)) {
          throw n.error("name", "time interval \"" + name + "\" is not unique");
        }
        List<TimeInterval> entries = new ArrayList<>();
        for (Node e : n.objects("time_intervals")) {
          entries.add(entry(e, warnings));
        }
        out.put(name, entries);
      }
    }
    return out;
  }

  private static TimeInterval entry(Node e, List<String> warnings) {
    e.warnUnknown(ENTRY, warnings);
    List<IntRange> times = new ArrayList<>();
    for (Node t : e.objects("times")) {
      t.warnUnknown(TIMES, warnings);
      times.add(
          t.parse(
              "start_time",
              () ->
                  TimeIntervalSyntax.times(
                      t.string("start_time").orElse(""), t.string("end_time").orElse(""))));
    }
    return new TimeInterval(
        times,
        ranges(e, "weekdays", TimeIntervalSyntax::weekdays),
        ranges(e, "days_of_month", TimeIntervalSyntax::daysOfMonth),
        ranges(e, "months", TimeIntervalSyntax::months),
        ranges(e, "years", TimeIntervalSyntax::years),
        e.parse("location", () -> TimeIntervalSyntax.location(e.string("location").orElse(""))));
  }

  private static List<IntRange> ranges(Node e, String key, Function<String, IntRange> parse) {
    List<IntRange> out = new ArrayList<>();
    List<String> items = e.strings(key);
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i);
      out.add(e.parse(key + "[" + i + "]", () -> parse.apply(item)));
    }
    return out;
  }
}
