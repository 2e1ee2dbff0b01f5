package dev.alerting.ingest.push;

import dev.alerting.ingest.remotewrite.RemoteWriteParser;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Prometheus remote_write 1.0, {@code POST /api/v1/write}, answered as Prometheus's own receiver
 * does: 204 on success, 400 for data a retry cannot fix (senders drop it), 429/5xx only when a
 * retry can help.
 */
final class RemoteWriteFormat implements PushFormat {
  static final String PATH = "/api/v1/write";
  static final String VERSION_HEADER = "X-Prometheus-Remote-Write-Version";

  private final RemoteWriteParser parser;

  RemoteWriteFormat(RemoteWriteParser parser) {
    this.parser = parser;
  }

  @Override
  public String name() {
    return "remote_write";
  }

  @Override
  public String ownEncoding() {
    return "snappy";
  }

  @Override
  public BodyParser prepare(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String encoding = request.getHeader("Content-Encoding");
    if (encoding == null || !encoding.trim().equalsIgnoreCase("snappy")) {
      throw new Refusal(
          Outcome.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported content encoding",
          "remote_write bodies must be snappy-compressed protobuf with Content-Encoding: snappy, got "
              + (encoding == null ? "none" : encoding));
    }
    String version = request.getHeader(VERSION_HEADER);
    // 1.0 senders send 0.1.0; 2.0 senders send 2.0.0 and a different message we do not read
    if (version != null && !version.trim().startsWith("0.1.")) {
      throw new Refusal(
          Outcome.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported remote write version",
          VERSION_HEADER
              + " "
              + version
              + " is not supported: this receiver speaks remote write 1.0 (0.1.0)");
    }
    String type = request.getHeader("Content-Type");
    if (type != null && !MediaType.of(type).equals("application/x-protobuf")) {
      throw new Refusal(
          Outcome.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported media type",
          "remote_write bodies must be Content-Type: application/x-protobuf, got " + type);
    }
    if (type != null && type.contains("io.prometheus.write.v2")) {
      throw new Refusal(
          Outcome.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported remote write version",
          "remote write 2.0 messages ("
              + type
              + ") are not supported: configure the sender for 1.0");
    }
    return parser::parse;
  }
}
