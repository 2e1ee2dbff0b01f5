package dev.alerting.ingest.push;

import dev.alerting.ingest.remotewrite.RemoteWriteParser;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Prometheus remote_write 1.0 and 2.0, {@code POST /api/v1/write}, answered as Prometheus's own
 * receiver does: 204 on success, 400 for data a retry cannot fix (senders drop it), 429/5xx only
 * when a retry can help. The message is chosen by the Content-Type's {@code proto} parameter, as
 * the 2.0 specification says: {@value #PROTO_V1} (or none) for 1.0, {@value #PROTO_V2} for 2.0; 2.0
 * answers carry the {@code X-Prometheus-Remote-Write-*-Written} counts.
 */
final class RemoteWriteFormat implements PushFormat {
  static final String PATH = "/api/v1/write";
  static final String VERSION_HEADER = "X-Prometheus-Remote-Write-Version";
  static final String PROTO_V1 = "prometheus.WriteRequest";
  static final String PROTO_V2 = "io.prometheus.write.v2.Request";
  static final String SAMPLES_WRITTEN = "X-Prometheus-Remote-Write-Samples-Written";
  static final String HISTOGRAMS_WRITTEN = "X-Prometheus-Remote-Write-Histograms-Written";
  static final String EXEMPLARS_WRITTEN = "X-Prometheus-Remote-Write-Exemplars-Written";

  /** The routing context key marking a 2.0 request. */
  private static final String V2 = "remote_write.v2";

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
    // 1.0 senders send 0.1.0, 2.0 senders 2.0.0; the message itself is told by the Content-Type
    if (version != null && !version.trim().startsWith("0.1.") && !version.trim().startsWith("2.")) {
      throw new Refusal(
          Outcome.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported remote write version",
          VERSION_HEADER
              + " "
              + version
              + " is not supported: this receiver speaks remote write 1.0 (0.1.0) and 2.0 (2.0.0)");
    }
    String type = request.getHeader("Content-Type");
    if (type != null && !MediaType.of(type).equals("application/x-protobuf")) {
      throw new Refusal(
          Outcome.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported media type",
          "remote_write bodies must be Content-Type: application/x-protobuf, got " + type);
    }
    String proto = MediaType.parameter(type, "proto");
    if (proto == null || proto.equals(PROTO_V1)) {
      return parser::parse;
    }
    if (proto.equals(PROTO_V2)) {
      ctx.put(V2, Boolean.TRUE);
      // nothing is written unless the whole request is: every refusal from here on wrote 0
      written(ctx.response(), 0, 0);
      return parser::parseV2;
    }
    throw new Refusal(
        Outcome.UNSUPPORTED_MEDIA_TYPE,
        "Unsupported remote write message",
        "proto="
            + proto
            + " is not supported: send proto="
            + PROTO_V1
            + " (remote write 1.0, also when proto is absent) or proto="
            + PROTO_V2
            + " (remote write 2.0)");
  }

  @Override
  public void accepted(RoutingContext ctx, int accepted, int histograms) {
    if (Boolean.TRUE.equals(ctx.get(V2))) {
      written(ctx.response(), accepted - histograms, histograms);
    }
    ctx.response().setStatusCode(204).end();
  }

  private static void written(HttpServerResponse response, int samples, int histograms) {
    response
        .putHeader(SAMPLES_WRITTEN, String.valueOf(samples))
        .putHeader(HISTOGRAMS_WRITTEN, String.valueOf(histograms))
        .putHeader(EXEMPLARS_WRITTEN, "0"); // exemplars are not kept
  }
}
