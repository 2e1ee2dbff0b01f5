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

  /** The protobuf media types the Go Pushgateway client and exporters use; we read text only. */
  static boolean isProtobuf(String contentType) {
    String media = of(contentType);
    return media.equals("application/vnd.google.protobuf")
        || media.equals("application/x-protobuf");
  }
}
