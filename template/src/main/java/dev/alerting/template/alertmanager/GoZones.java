package dev.alerting.template.alertmanager;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

/** Go's {@code time.LoadLocation}: IANA zone names, {@code ""} and {@code UTC}, {@code Local}. */
final class GoZones {
  private static final Set<String> IANA = ZoneId.getAvailableZoneIds();

  private GoZones() {}

  static ZoneId load(String name) {
    if (name.isEmpty() || name.equals("UTC")) {
      return ZoneOffset.UTC;
    }
    if (name.equals("Local")) {
      return ZoneId.systemDefault();
    }
    // Java also takes offsets ("+01:00") and prefixes ("GMT+1") that Go's tz database does not
    if (!IANA.contains(name)) {
      throw new IllegalArgumentException("unknown time zone " + name);
    }
    return ZoneId.of(name);
  }
}
