package dev.alerting.ingest.push;

import dev.alerting.ingest.exposition.GroupingKey;
import dev.alerting.ingest.exposition.TextParser;
import dev.alerting.ingest.sample.FormatException;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Pushgateway-compatible push, {@code PUT|POST /metrics/job/<job>{/<label>/<value>}}: the text
 * format with the grouping labels (job included) set on every sample. Samples are forwarded, not
 * kept: PUT and POST differ only in Pushgateway's storage, which this service has not. Answers 200
 * as the Pushgateway does.
 */
final class PushgatewayFormat implements PushFormat {
  static final String PREFIX = "/metrics/";
  static final String ROUTE = "/metrics/job/*";

  private final TextParser parser;

  PushgatewayFormat(TextParser parser) {
    this.parser = parser;
  }

  @Override
  public String name() {
    return "pushgateway";
  }

  @Override
  public BodyParser prepare(RoutingContext ctx) {
    TextFormat.refuseProtobuf(ctx.request().getHeader("Content-Type"));
    Map<String, String> grouping = grouping(ctx);
    return (body, now) -> parser.parse(body, grouping, now);
  }

  static Map<String, String> grouping(RoutingContext ctx) {
    String path =
        ctx.request().path(); // raw: base64 and percent-encoded segments decoded by GroupingKey
    try {
      return GroupingKey.parse(path.substring(PREFIX.length()));
    } catch (FormatException e) {
      throw new Refusal(Outcome.MALFORMED, "Malformed grouping key", e.getMessage());
    }
  }

  @Override
  public void accepted(RoutingContext ctx, int accepted) {
    ctx.response().setStatusCode(200).end();
  }
}
