package dev.alerting.incident.config;

import dev.alerting.incident.oncall.Restriction;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a rotation's {@code restrictions}: each entry is either a time-of-day window ({@code from:
 * "09:00"}, {@code to: "17:00"}, optional {@code days: [mon-fri]}) or a time-of-week window ({@code
 * from: "fri 18:00"}, {@code to: "mon 09:00"}).
 */
final class RestrictionParser {
  private static final Set<String> KEYS = Set.of("days", "from", "to");

  private RestrictionParser() {}

  static List<Restriction> restrictions(YamlNode rotation) {
    List<Restriction> out = new ArrayList<>();
    for (YamlNode r : rotation.list("restrictions")) {
      r.onlyKeys(KEYS);
      YamlNode from = r.required("from");
      YamlNode to = r.required("to");
      String[] start = from.text().trim().split("\\s+");
      String[] end = to.text().trim().split("\\s+");
      if (start.length != end.length || start.length > 2) {
        throw r.error(
            "from and to are both a time of day (\"09:00\") or both a day and a time (\"fri"
                + " 18:00\")");
      }
      if (start.length == 2) {
        if (r.get("days").isPresent()) {
          throw r.error("days goes with a time of day, not with a day and a time in from/to");
        }
        out.add(
            r.parse(
                () ->
                    Restriction.weekly(
                        day(from, start[0]),
                        time(from, start[1]),
                        day(to, end[0]),
                        time(to, end[1]))));
      } else {
        Set<DayOfWeek> days = r.get("days").isPresent() ? days(r) : EnumSet.allOf(DayOfWeek.class);
        LocalTime a = time(from, start[0]);
        LocalTime b = time(to, end[0]);
        out.addAll(r.parse(() -> Restriction.daily(days, a, b)));
      }
    }
    return out;
  }

  private static Set<DayOfWeek> days(YamlNode r) {
    Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    for (YamlNode d : r.list("days")) {
      String[] range = d.text().trim().split("-", -1);
      if (range.length > 2) {
        throw d.error("'" + d.text() + "' is not a day or a range of days (mon-fri)");
      }
      DayOfWeek first = day(d, range[0]);
      DayOfWeek last = range.length == 2 ? day(d, range[1]) : first;
      for (DayOfWeek x = first; ; x = x.plus(1)) {
        out.add(x);
        if (x == last) {
          break;
        }
      }
    }
    if (out.isEmpty()) {
      throw r.error("days must name at least one day");
    }
    return out;
  }

  private static DayOfWeek day(YamlNode n, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = d.name().toLowerCase(Locale.ROOT);
      if (t.equals(full) || t.equals(full.substring(0, 3))) {
        return d;
      }
    }
    throw n.error("'" + text + "' is not a day of the week (mon … sun)");
  }

  private static LocalTime time(YamlNode n, String text) {
    if (!text.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
      throw n.error("'" + text + "' is not a time of day (HH:MM, 00:00 to 23:59)");
    }
    return LocalTime.parse(text);
  }
}
