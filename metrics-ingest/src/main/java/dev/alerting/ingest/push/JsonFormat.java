package dev.alerting.ingest.push;

import dev.alerting.ingest.sample.SampleValidator;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The native JSON push, {@code POST /api/v1/samples}: answers {@code 200 {"accepted": n}}. */
final class JsonFormat implements PushFormat {
  private final SampleValidator validator;

  JsonFormat(SampleValidator validator) {
    this.validator = validator;
  }

  @Override
  public String name() {
    return "json";
  }

  @Override
  public BodyParser prepare(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (!"application/json".equalsIgnoreCase(MediaType.of(type))) {
      throw new Refusal(
          Outcome.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported media type",
          "Content-Type must be application/json, got " + (type == null ? "none" : type));
    }
    return validator::validate;
  }

  @Override
  public void accepted(RoutingContext ctx, int accepted) {
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("accepted", accepted).encode());
  }
}
