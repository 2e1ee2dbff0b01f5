package dev.alerting.incident.lifecycle;

/**
 * The longest text an incident field holds. Longer input is cut, never refused: an alert with a 10
 * 000-character label must become an incident like any other rather than stall the consumer.
 */
public final class Bounds {
  public static final int TITLE = 1024;
  public static final int SEVERITY = 256;
  public static final int MESSAGE = 4096;
  public static final int LABEL_VALUE = 4096;
  public static final int NAME = 256;

  private Bounds() {}

  /** {@code s} cut to {@code max} characters, the cut marked with an ellipsis. */
  public static String cut(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }
}
