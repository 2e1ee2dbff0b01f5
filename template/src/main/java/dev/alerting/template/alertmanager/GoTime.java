package dev.alerting.template.alertmanager;

import dev.alerting.template.GoType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A Go {@code time.Time}: prints as Go prints one ({@code 2026-01-01 00:00:00 +0000 UTC}) and
 * offers {@code .Format}, {@code .Unix} and {@code .UnixMilli}. A missing time is Go's zero time.
 */
@GoType("time.Time")
public final class GoTime {
  private static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

  private final Instant instant;
  private final ZoneId zone;
  // built on first use: most alerts' times are never printed, and zone rules cost to set up
  private ZonedDateTime time;

  private GoTime(Instant instant, ZoneId zone) {
    this.instant = instant;
    this.zone = zone;
  }

  /** The instant in UTC; {@code null} gives Go's zero time. */
  public static GoTime of(Instant instant) {
    return new GoTime(instant == null ? ZERO : instant, ZoneOffset.UTC);
  }

  /** A time in its own offset, as a parsed RFC 3339 string keeps it. */
  public static GoTime of(ZonedDateTime time) {
    return new GoTime(time.toInstant(), time.getZone());
  }

  /** Go's {@code Time.In}: the same instant shown in another zone. */
  public GoTime in(ZoneId other) {
    return new GoTime(instant, other);
  }

  public Instant instant() {
    return instant;
  }

  private ZonedDateTime time() {
    if (time == null) {
      time = instant.atZone(zone);
    }
    return time;
  }

  /**
   * Go's {@code Time.Format} with a reference-time layout such as {@code
   * 2006-01-02T15:04:05Z07:00}.
   */
  public String format(String layout) {
    return GoTimeLayout.format(time(), layout);
  }

  public long unix() {
    return instant.getEpochSecond();
  }

  public long unixMilli() {
    return instant.toEpochMilli();
  }

  public boolean isZero() {
    return instant.equals(ZERO);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GoTime t && t.instant.equals(instant) && t.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return instant.hashCode();
  }

  /** Go's {@code Time.String}. */
  @Override
  public String toString() {
    return GoTimeLayout.format(time(), "2006-01-02 15:04:05.999999999 -0700 MST");
  }
}
