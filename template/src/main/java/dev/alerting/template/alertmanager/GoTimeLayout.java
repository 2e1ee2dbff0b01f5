package dev.alerting.template.alertmanager;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** Go's time layout formatting: the reference time {@code Mon Jan 2 15:04:05 MST 2006}. */
final class GoTimeLayout {
  private GoTimeLayout() {}

  static String format(ZonedDateTime t, String layout) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < layout.length()) {
      int n = chunk(t, layout, i, sb);
      if (n == 0) {
        sb.append(layout.charAt(i));
        i++;
      } else {
        i += n;
      }
    }
    return sb.toString();
  }

  /** Appends the value of the std chunk at i; returns its length, or 0 when none starts there. */
  private static int chunk(ZonedDateTime t, String l, int i, StringBuilder sb) {
    String s = l.substring(i);
    int offsetSec = t.getOffset().getTotalSeconds();
    if (s.startsWith("January")) {
      sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
      return 7;
    }
    if (s.startsWith("Jan")) {
      sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
      return 3;
    }
    if (s.startsWith("Monday")) {
      sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
      return 6;
    }
    if (s.startsWith("Mon")) {
      sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
      return 3;
    }
    if (s.startsWith("MST")) {
      sb.append(zoneName(t));
      return 3;
    }
    if (s.startsWith("2006")) {
      sb.append(String.format("%04d", t.getYear()));
      return 4;
    }
    if (s.startsWith("002")) {
      sb.append(String.format("%03d", t.getDayOfYear()));
      return 3;
    }
    if (s.startsWith("01")) {
      sb.append(String.format("%02d", t.getMonthValue()));
      return 2;
    }
    if (s.startsWith("02")) {
      sb.append(String.format("%02d", t.getDayOfMonth()));
      return 2;
    }
    if (s.startsWith("03")) {
      sb.append(String.format("%02d", hour12(t)));
      return 2;
    }
    if (s.startsWith("04")) {
      sb.append(String.format("%02d", t.getMinute()));
      return 2;
    }
    if (s.startsWith("05")) {
      sb.append(String.format("%02d", t.getSecond()));
      return 2;
    }
    if (s.startsWith("06")) {
      sb.append(String.format("%02d", t.getYear() % 100));
      return 2;
    }
    if (s.startsWith("15")) {
      sb.append(String.format("%02d", t.getHour()));
      return 2;
    }
    if (s.startsWith("__2")) {
      sb.append(String.format("%3d", t.getDayOfYear()));
      return 3;
    }
    if (s.startsWith("_2")) {
      sb.append(String.format("%2d", t.getDayOfMonth()));
      return 2;
    }
    if (s.startsWith("1")) {
      sb.append(t.getMonthValue());
      return 1;
    }
    if (s.startsWith("2")) {
      sb.append(t.getDayOfMonth());
      return 1;
    }
    if (s.startsWith("3")) {
      sb.append(hour12(t));
      return 1;
    }
    if (s.startsWith("4")) {
      sb.append(t.getMinute());
      return 1;
    }
    if (s.startsWith("5")) {
      sb.append(t.getSecond());
      return 1;
    }
    if (s.startsWith("PM")) {
      sb.append(t.getHour() >= 12 ? "PM" : "AM");
      return 2;
    }
    if (s.startsWith("pm")) {
      sb.append(t.getHour() >= 12 ? "pm" : "am");
      return 2;
    }
    for (String z :
        new String[] {
          "Z07:00:00",
          "-07:00:00",
          "Z070000",
          "-070000",
          "Z07:00",
          "-07:00",
          "Z0700",
          "-0700",
          "Z07",
          "-07"
        }) {
      if (s.startsWith(z)) {
        if (z.startsWith("Z") && offsetSec == 0) {
          sb.append('Z');
        } else {
          offset(sb, offsetSec, z.contains(":"), z.replaceAll("[^0-9]", "").length());
        }
        return z.length();
      }
    }
    if ((s.startsWith(".") || s.startsWith(","))
        && s.length() > 1
        && (s.charAt(1) == '0' || s.charAt(1) == '9')) {
      char d = s.charAt(1);
      int j = 1;
      while (j < s.length() && s.charAt(j) == d) {
        j++;
      }
      if (j < s.length() && Character.isDigit(s.charAt(j))) {
        return 0;
      }
      int digits = j - 1;
      String frac = String.format("%09d", t.getNano()).substring(0, Math.min(9, digits));
      if (d == '9') {
        frac = frac.replaceAll("0+$", "");
        if (!frac.isEmpty()) {
          sb.append(s.charAt(0)).append(frac);
        }
      } else {
        sb.append(s.charAt(0)).append(frac);
      }
      return j;
    }
    return 0;
  }

  private static int hour12(ZonedDateTime t) {
    int h = t.getHour() % 12;
    return h == 0 ? 12 : h;
  }

  private static String zoneName(ZonedDateTime t) {
    if (t.getZone().equals(ZoneOffset.UTC) || t.getZone().getId().equals("UTC")) {
      return "UTC";
    }
    if (!(t.getZone() instanceof ZoneOffset)) {
      // a named zone (from tz): the tz database's abbreviation, as Java's English names give it
      // for most zones (CET, CEST, EST, JST); a GMT-style fallback becomes the numeric form
      String abbr = ABBREVIATION.format(t);
      if (!abbr.startsWith("GMT")
          && !abbr.startsWith("UTC")
          && abbr.chars().allMatch(Character::isLetter)) {
        return abbr;
      }
    }
    StringBuilder sb = new StringBuilder();
    int off = t.getOffset().getTotalSeconds();
    sb.append(off < 0 ? '-' : '+');
    off = Math.abs(off);
    sb.append(String.format("%02d%02d", off / 3600, off % 3600 / 60));
    return sb.toString();
  }

  private static final java.time.format.DateTimeFormatter ABBREVIATION =
      java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

  private static void offset(StringBuilder sb, int sec, boolean colons, int digits) {
    sb.append(sec < 0 ? '-' : '+');
    sec = Math.abs(sec);
    sb.append(String.format("%02d", sec / 3600));
    if (digits >= 4) {
      if (colons) {
        sb.append(':');
      }
      sb.append(String.format("%02d", sec % 3600 / 60));
    }
    if (digits >= 6) {
      if (colons) {
        sb.append(':');
      }
      sb.append(String.format("%02d", sec % 60));
    }
  }
}
