package dev.alerting.ingest.push;

import java.util.Locale;

/** The media type of a Content-Type header, without parameters, lower case; "" when absent. */
final class MediaType {
  private MediaType() {}

  static String of(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String media = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return media.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * The value of parameter {@code name} of a Content-Type header (case-insensitive name, quotes
   * removed), or null when absent.
   */
  static String parameter(String contentType, String name) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase(name)) {
        String value = parts[i].substring(eq + 1).trim();
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
            ? value.substring(1, value.length() - 1)
            : value;
      }
    }
    return null;
  }

  /** The protobuf media types the Go Pushgateway client and exporters use; we read text only. */
  static boolean isProtobuf(String contentType) {
    String media = of(contentType);
    return media.equals("application/vnd.google.protobuf")
        || media.equals("application/x-protobuf");
  }
}
