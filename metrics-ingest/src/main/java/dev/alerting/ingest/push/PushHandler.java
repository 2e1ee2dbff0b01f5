package dev.alerting.ingest.push;

import dev.alerting.ingest.IngestConfig;
import dev.alerting.ingest.sample.RejectReason;
import dev.alerting.ingest.sample.SampleError;
import dev.alerting.ingest.sample.SampleValidator;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.platform.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/samples}: admits the request (media type, load), validates the whole body
 * off the event loop, writes it to Kafka and answers 200 only once every record is acknowledged.
 */
public final class PushHandler {
  public static final String PATH = "/api/v1/samples";
  private static final Logger LOG = LoggerFactory.getLogger(PushHandler.class);
  private static final String START = "ingest.start";

  private final Vertx vertx;
  private final SampleValidator validator;
  private final SampleWriter writer;
  private final IngestMetrics metrics;
  private final long maxBodyBytes;
  private final Duration retryAfter;
  private final int maxInflight;
  private int inflight;

  public PushHandler(
      Vertx vertx, IngestConfig config, SampleValidator validator, SampleWriter writer, IngestMetrics metrics) {
    this.vertx = vertx;
    this.validator = validator;
    this.writer = writer;
    this.metrics = metrics;
    this.maxBodyBytes = config.maxBodyBytes();
    this.retryAfter = config.retryAfter();
    this.maxInflight = config.maxInflightRequests();
  }

  /**
   * Mounts two routes ahead of the service router's catch-all failure handler (negative orders):
   * admission first, so a wrong media type or overload is refused before the body is read (Vert.x
   * wants a body handler first on its route), then the body with our 413 naming the limit.
   */
  public void mount(Router router) {
    router.post(PATH).order(-2).handler(this::admit);
    router
        .post(PATH)
        .order(-1)
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(this::push)
        .failureHandler(this::failure);
  }

  private void admit(RoutingContext ctx) {
    ctx.put(START, System.nanoTime());
    String type = ctx.request().getHeader("Content-Type");
    if (!isJson(type)) {
      answer(ctx, Outcome.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
          "Content-Type must be application/json, got " + (type == null ? "none" : type), List.of());
      return;
    }
    if (inflight >= maxInflight) {
      answer(ctx, Outcome.OVERLOADED, "Too many requests in progress",
          maxInflight + " push requests are in progress (" + IngestConfig.MAX_INFLIGHT + "); retry later", List.of());
      return;
    }
    inflight++;
    ctx.addEndHandler(ignored -> inflight--);
    ctx.next();
  }

  private void push(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    long now = System.currentTimeMillis();
    // parsing up to the body limit is CPU work: keep it off the event loop
    vertx.executeBlocking(() -> validator.validate(bytes, now), false)
        .compose(verdict -> decide(ctx, verdict))
        .onFailure(ctx::fail);
  }

  private Future<Void> decide(RoutingContext ctx, Validation verdict) {
    if (verdict instanceof Validation.Valid valid) {
      return write(ctx, valid);
    }
    if (verdict instanceof Validation.Invalid invalid) {
      rejectInvalid(ctx, invalid);
    } else if (verdict instanceof Validation.Malformed malformed) {
      answer(ctx, Outcome.MALFORMED, "Malformed request body", malformed.message(), List.of());
    } else if (verdict instanceof Validation.TooManySamples tooMany) {
      answer(ctx, Outcome.TOO_MANY_SAMPLES, "Too many samples",
          "the request holds more than " + tooMany.limit() + " samples, the limit ("
              + IngestConfig.MAX_SAMPLES + "); nothing was written, split it into smaller requests",
          List.of());
    }
    return Future.succeededFuture();
  }

  private Future<Void> write(RoutingContext ctx, Validation.Valid valid) {
    int n = valid.samples().size();
    return writer
        .write(valid.samples())
        .map(
            acked -> {
              metrics.accepted(acked);
              metrics.request(Outcome.ACCEPTED, start(ctx));
              ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .end(new JsonObject().put("accepted", acked).encode());
              return (Void) null;
            })
        .recover(
            err -> {
              LOG.warn("Kafka did not acknowledge {} samples: {}", n, err.toString());
              metrics.rejected(RejectReason.UNAVAILABLE, n);
              answer(ctx, Outcome.UNAVAILABLE, "Kafka unavailable",
                  "the samples were not acknowledged by Kafka (" + err.getMessage() + "); retry the whole "
                      + "request: some samples may already be written, consumers drop the duplicates",
                  List.of());
              return Future.succeededFuture();
            });
  }

  private void rejectInvalid(RoutingContext ctx, Validation.Invalid invalid) {
    List<JsonObject> errors =
        invalid.errors().stream()
            .map(e -> new JsonObject().put("index", e.index()).put("reason", e.reason()))
            .toList();
    for (SampleError e : invalid.errors()) {
      metrics.rejected(e.category(), 1);
    }
    metrics.rejected(RejectReason.BATCH, invalid.sampleCount() - invalid.errors().size());
    answer(ctx, Outcome.INVALID, "Invalid samples",
        invalid.errors().size() + " of " + invalid.sampleCount()
            + " samples are invalid; nothing of this request was written",
        errors);
  }

  private void failure(RoutingContext ctx) {
    if (ctx.statusCode() == 413 && !ctx.response().ended()) {
      answer(ctx, Outcome.TOO_LARGE, "Request body too large",
          "the body exceeds the limit of " + maxBodyBytes + " bytes (" + IngestConfig.MAX_BODY_BYTES + ")",
          List.of());
    } else {
      ctx.next();
    }
  }

  private void answer(RoutingContext ctx, Outcome outcome, String title, String detail, List<JsonObject> errors) {
    metrics.request(outcome, start(ctx));
    if (outcome == Outcome.OVERLOADED || outcome == Outcome.UNAVAILABLE) {
      ctx.response().putHeader("Retry-After", String.valueOf(retryAfter.toSeconds()));
    }
    new Problem(outcome.status(), title, detail, errors).send(ctx);
  }

  private static long start(RoutingContext ctx) {
    Long start = ctx.get(START);
    return start == null ? System.nanoTime() : start;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String media = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return media.trim().equalsIgnoreCase("application/json");
  }
}
