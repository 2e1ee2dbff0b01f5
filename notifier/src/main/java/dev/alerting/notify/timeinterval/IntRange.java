package dev.alerting.notify.timeinterval;

/** An inclusive range of integers (weekdays, days of month, months, years). */
public record IntRange(int begin, int end) {
  public boolean contains(int v) {
    return v >= begin && v <= end;
  }
}
