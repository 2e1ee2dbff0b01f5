package dev.alerting.ingest.push;

import dev.alerting.ingest.influx.LineProtocolParser;
import dev.alerting.ingest.influx.Precision;
import dev.alerting.ingest.sample.FormatException;
import io.vertx.ext.web.RoutingContext;

/**
 * Influx line protocol, {@code POST /write} (v1) and {@code POST /api/v2/write} (v2), with the
 * {@code precision} parameter of either; {@code db}, {@code org} and {@code bucket} are accepted
 * and ignored. Answers 204 like InfluxDB.
 */
final class InfluxFormat implements PushFormat {
  static final String V1_PATH = "/write";
  static final String V2_PATH = "/api/v2/write";

  private final LineProtocolParser parser;

  InfluxFormat(LineProtocolParser parser) {
    this.parser = parser;
  }

  @Override
  public String name() {
    return "influx";
  }

  @Override
  public BodyParser prepare(RoutingContext ctx) {
    Precision precision;
    try {
      precision = Precision.parse(ctx.request().getParam("precision"));
    } catch (FormatException e) {
      throw new Refusal(Outcome.MALFORMED, "Malformed precision", e.getMessage());
    }
    return (body, now) -> parser.parse(body, precision, now);
  }
}
