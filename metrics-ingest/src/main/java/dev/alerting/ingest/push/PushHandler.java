package dev.alerting.ingest.push;

import dev.alerting.ingest.IngestConfig;
import dev.alerting.ingest.auth.BearerTokens;
import dev.alerting.ingest.exposition.TextParser;
import dev.alerting.ingest.influx.LineProtocolParser;
import dev.alerting.ingest.remotewrite.RemoteWriteParser;
import dev.alerting.ingest.sample.FormatException;
import dev.alerting.ingest.sample.RejectReason;
import dev.alerting.ingest.sample.SampleError;
import dev.alerting.ingest.sample.SampleLimits;
import dev.alerting.ingest.sample.SampleValidator;
import dev.alerting.ingest.sample.Validation;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.http.Problem;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push API: one shared pipeline for every format (auth, admission, body limit, gzip, parse off
 * the event loop, write to Kafka, answer only once every record is acknowledged) around the
 * format-specific {@link PushFormat}s. A request is written whole or not at all.
 */
public final class PushHandler {
  public static final String PATH = "/api/v1/samples";
  private static final Logger LOG = LoggerFactory.getLogger(PushHandler.class);
  private static final String START = "ingest.start";
  private static final String PARSER = "ingest.parser";

  private final Vertx vertx;
  private final SampleValidator validator;
  private final SampleWriter writer;
  private final IngestMetrics metrics;
  private final BearerTokens tokens;
  private final long maxBodyBytes;
  private final Duration retryAfter;
  private final int maxInflight;
  private final PushTrace trace = new PushTrace();
  private int inflight;

  public PushHandler(
      Vertx vertx,
      IngestConfig config,
      SampleValidator validator,
      SampleWriter writer,
      IngestMetrics metrics) {
    this.vertx = vertx;
    this.validator = validator;
    this.writer = writer;
    this.metrics = metrics;
    this.tokens = config.auth();
    this.maxBodyBytes = config.maxBodyBytes();
    this.retryAfter = config.retryAfter();
    this.maxInflight = config.maxInflightRequests();
  }

  /** Mounts every push endpoint; health and /metrics, mounted by the service router, stay open. */
  public void mount(Router router) {
    SampleLimits limits = validator.limits();
    TextParser text = new TextParser(limits);
    InfluxFormat influx = new InfluxFormat(new LineProtocolParser(limits));
    mount(router, PATH, new JsonFormat(validator), HttpMethod.POST);
    mount(
        router,
        RemoteWriteFormat.PATH,
        new RemoteWriteFormat(new RemoteWriteParser(limits, maxBodyBytes)),
        HttpMethod.POST);
    mount(router, TextFormat.PATH, new TextFormat(text), HttpMethod.POST);
    mount(
        router,
        PushgatewayFormat.ROUTE,
        new PushgatewayFormat(text),
        HttpMethod.PUT,
        HttpMethod.POST);
    mount(router, InfluxFormat.V1_PATH, influx, HttpMethod.POST);
    mount(router, InfluxFormat.V2_PATH, influx, HttpMethod.POST);
    router.delete(PushgatewayFormat.ROUTE).order(-2).handler(this::deleteGroup);
  }

  /**
   * Two routes ahead of the service router's catch-all failure handler (negative orders): admission
   * first, so a bad credential, header or overload is refused before the body is read (a body
   * reader must be first on its route, before the request ends), then the body ({@link
   * RequestBody}) with our 413 naming the limit.
   */
  private void mount(Router router, String path, PushFormat format, HttpMethod... methods) {
    Route traced = router.route(path).order(-3);
    Route admit = router.route(path).order(-2);
    Route push = router.route(path).order(-1);
    for (HttpMethod m : methods) {
      traced.method(m);
      admit.method(m);
      push.method(m);
    }
    traced.handler(ctx -> trace.start(ctx, path));
    admit.handler(ctx -> admit(ctx, format));
    push.handler(new RequestBody(maxBodyBytes))
        .handler(ctx -> push(ctx, format))
        .failureHandler(ctx -> failure(ctx, format));
  }

  private void admit(RoutingContext ctx, PushFormat format) {
    ctx.put(START, System.nanoTime());
    if (!authorized(ctx, format)) {
      return;
    }
    PushFormat.BodyParser parser;
    try {
      parser = format.prepare(ctx);
    } catch (Refusal r) {
      answer(ctx, format, r.outcome(), r.title(), r.getMessage(), List.of());
      return;
    }
    String encoding = ctx.request().getHeader("Content-Encoding");
    if (!isIdentity(encoding)
        && !isGzip(encoding)
        && !encoding.trim().equalsIgnoreCase(format.ownEncoding())) {
      answer(
          ctx,
          format,
          Outcome.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported content encoding",
          "Content-Encoding " + encoding + " is not supported; send gzip or an uncompressed body",
          List.of());
      return;
    }
    if (inflight >= maxInflight) {
      answer(
          ctx,
          format,
          Outcome.OVERLOADED,
          "Too many requests in progress",
          maxInflight
              + " push requests are in progress ("
              + IngestConfig.MAX_INFLIGHT
              + "); retry later",
          List.of());
      return;
    }
    inflight++;
    ctx.addEndHandler(ignored -> inflight--);
    ctx.put(PARSER, parser);
    ctx.next();
  }

  private boolean authorized(RoutingContext ctx, PushFormat format) {
    BearerTokens.Verdict verdict = tokens.check(ctx.request().getHeader("Authorization"));
    if (verdict == BearerTokens.Verdict.MISSING) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"metrics-ingest\"");
      answer(
          ctx,
          format,
          Outcome.UNAUTHORIZED,
          "Authentication required",
          "send Authorization: Bearer <token> with one of the tokens configured in "
              + IngestConfig.AUTH_TOKENS
              + " or "
              + IngestConfig.AUTH_TOKENS_FILE,
          List.of());
    } else if (verdict == BearerTokens.Verdict.WRONG) {
      answer(
          ctx,
          format,
          Outcome.FORBIDDEN,
          "Invalid credentials",
          "the bearer token is not one of the configured tokens",
          List.of());
    }
    return verdict == BearerTokens.Verdict.ALLOWED;
  }

  /**
   * Pushgateway's DELETE of a group: this service keeps no groups, so there is nothing to delete
   * yet.
   */
  private void deleteGroup(RoutingContext ctx) {
    ctx.put(START, System.nanoTime());
    PushgatewayFormat format = new PushgatewayFormat(null);
    if (authorized(ctx, format)) {
      answer(
          ctx,
          format,
          Outcome.NOT_IMPLEMENTED,
          "Deleting a group is not implemented",
          "DELETE "
              + ctx.request().path()
              + " (delete a Pushgateway group) is deferred: metrics-ingest forwards "
              + "pushed samples to Kafka and keeps no groups; PUT and POST are supported",
          List.of());
    }
  }

  private void push(RoutingContext ctx, PushFormat format) {
    byte[] bytes = RequestBody.of(ctx);
    long now = System.currentTimeMillis();
    PushFormat.BodyParser parser = ctx.get(PARSER);
    boolean gzip = isGzip(ctx.request().getHeader("Content-Encoding"));
    Span trace = PushTrace.of(ctx);
    // decompressing and parsing up to the body limit is CPU work: keep it off the event loop. A
    // valid body's samples are handed to Kafka from the same worker task (no hop back to the event
    // loop and out to a worker again between parsing and sending: issue 13, detection latency).
    vertx
        .executeBlocking(
            () -> {
              Validation verdict = read(bytes, gzip, parser, now);
              return new Parsed(
                  verdict,
                  verdict instanceof Validation.Valid valid
                      ? writer.write(valid.samples(), trace)
                      : null);
            },
            false)
        .compose(parsed -> decide(ctx, format, parsed.verdict(), parsed.written()))
        .onFailure(ctx::fail);
  }

  /** A body's verdict and, when it was valid, its samples' write to Kafka, already started. */
  private record Parsed(Validation verdict, Future<Integer> written) {}

  private Validation read(byte[] bytes, boolean gzip, PushFormat.BodyParser parser, long now) {
    byte[] body = bytes;
    if (gzip) {
      try {
        body = BodyEncoding.gunzip(bytes, maxBodyBytes);
      } catch (FormatException e) {
        return new Validation.Malformed(e.getMessage());
      }
      if (body == null) {
        return new Validation.TooLarge(maxBodyBytes);
      }
    }
    return parser.parse(body, now);
  }

  private Future<Void> decide(
      RoutingContext ctx, PushFormat format, Validation verdict, Future<Integer> written) {
    if (verdict instanceof Validation.Valid valid) {
      valid.skipped().forEach(metrics::skipped);
      return answerWrite(ctx, format, valid, written);
    }
    if (verdict instanceof Validation.Invalid invalid) {
      rejectInvalid(ctx, format, invalid);
    } else if (verdict instanceof Validation.Malformed malformed) {
      answer(
          ctx, format, Outcome.MALFORMED, "Malformed request body", malformed.message(), List.of());
    } else if (verdict instanceof Validation.TooManySamples tooMany) {
      answer(
          ctx,
          format,
          Outcome.TOO_MANY_SAMPLES,
          "Too many samples",
          "the request holds more than "
              + tooMany.limit()
              + " samples, the limit ("
              + IngestConfig.MAX_SAMPLES
              + "); nothing was written, split it into smaller requests",
          List.of());
    } else if (verdict instanceof Validation.TooLarge tooLarge) {
      answer(
          ctx,
          format,
          Outcome.TOO_LARGE,
          "Request body too large",
          "the decompressed body exceeds the limit of "
              + tooLarge.limit()
              + " bytes ("
              + IngestConfig.MAX_BODY_BYTES
              + ")",
          List.of());
    }
    return Future.succeededFuture();
  }

  private Future<Void> answerWrite(
      RoutingContext ctx, PushFormat format, Validation.Valid valid, Future<Integer> written) {
    int n = valid.samples().size();
    return written
        .map(
            acked -> {
              int histograms = histograms(valid.samples());
              metrics.accepted(acked);
              metrics.histogramsAccepted(histograms);
              metrics.request(format.name(), Outcome.ACCEPTED, start(ctx));
              format.accepted(ctx, acked, histograms);
              return (Void) null;
            })
        .recover(
            err -> {
              LOG.warn("Kafka did not acknowledge {} samples: {}", n, err.toString());
              metrics.rejected(RejectReason.UNAVAILABLE, n);
              answer(
                  ctx,
                  format,
                  Outcome.UNAVAILABLE,
                  "Kafka unavailable",
                  "the samples were not acknowledged by Kafka ("
                      + err.getMessage()
                      + "); retry the whole "
                      + "request: some samples may already be written, consumers drop the duplicates",
                  List.of());
              return Future.succeededFuture();
            });
  }

  private static int histograms(List<Sample> samples) {
    int n = 0;
    for (Sample s : samples) {
      if (s.isHistogram()) {
        n++;
      }
    }
    return n;
  }

  private void rejectInvalid(RoutingContext ctx, PushFormat format, Validation.Invalid invalid) {
    List<JsonObject> errors =
        invalid.errors().stream()
            .map(e -> new JsonObject().put(invalid.unit(), e.index()).put("reason", e.reason()))
            .toList();
    for (SampleError e : invalid.errors()) {
      metrics.rejected(e.category(), 1);
    }
    metrics.rejected(RejectReason.BATCH, invalid.sampleCount() - invalid.errors().size());
    String detail =
        invalid.unit().equals("index")
            ? invalid.errors().size() + " of " + invalid.sampleCount() + " samples are invalid"
            : invalid.errors().size()
                + " "
                + invalid.unit()
                + (invalid.errors().size() == 1 ? " is" : "s are")
                + " invalid ("
                + invalid.sampleCount()
                + " samples read)";
    answer(
        ctx,
        format,
        Outcome.INVALID,
        "Invalid samples",
        detail + "; nothing of this request was written",
        errors);
  }

  private void failure(RoutingContext ctx, PushFormat format) {
    if (ctx.statusCode() == 413 && !ctx.response().ended()) {
      answer(
          ctx,
          format,
          Outcome.TOO_LARGE,
          "Request body too large",
          "the body exceeds the limit of "
              + maxBodyBytes
              + " bytes ("
              + IngestConfig.MAX_BODY_BYTES
              + ")",
          List.of());
    } else {
      ctx.next();
    }
  }

  private void answer(
      RoutingContext ctx,
      PushFormat format,
      Outcome outcome,
      String title,
      String detail,
      List<JsonObject> errors) {
    metrics.request(format.name(), outcome, start(ctx));
    if (outcome == Outcome.OVERLOADED || outcome == Outcome.UNAVAILABLE) {
      ctx.response().putHeader("Retry-After", String.valueOf(retryAfter.toSeconds()));
    }
    new Problem(outcome.status(), title, detail, errors).send(ctx);
  }

  private static long start(RoutingContext ctx) {
    Long start = ctx.get(START);
    return start == null ? System.nanoTime() : start;
  }

  private static boolean isIdentity(String encoding) {
    return encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity");
  }

  private static boolean isGzip(String encoding) {
    return encoding != null
        && (encoding.trim().equalsIgnoreCase("gzip") || encoding.trim().equalsIgnoreCase("x-gzip"));
  }
}
