package dev.alerting.rule.api;

import dev.alerting.model.Labels;
import dev.alerting.promql.PromQL;
import dev.alerting.promql.ast.Expr;
import dev.alerting.promql.engine.EvaluationException;
import dev.alerting.promql.engine.Evaluator;
import dev.alerting.promql.engine.InstantSample;
import dev.alerting.promql.engine.QueryWindow;
import dev.alerting.promql.engine.Value;
import dev.alerting.promql.storage.SeriesSource;
import dev.alerting.promql.syntax.ParseException;
import dev.alerting.rule.engine.RuleEngine;
import dev.alerting.rule.template.GoFloat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/query} and {@code GET /api/v1/query_range} in the shape of Prometheus's HTTP
 * API, over the series the engine keeps in memory (as far back as its rules read, at least 5
 * minutes): enough for the console's alert charts and for Grafana's Prometheus data source. Runs on
 * the engine's event loop, which owns the series store; a range query is bounded by {@link
 * #MAX_POINTS} steps and stops with 503 past {@link #TIMEOUT_MILLIS} between steps, so one query
 * cannot hold the engine for long. A standby has no series: 503, as the rules API.
 */
public final class QueryApi {
  /** Most evaluation steps of one range query (Prometheus allows 11,000). */
  static final int MAX_POINTS = 11_000;

  /** Evaluation time one query may take before it is abandoned (checked between steps). */
  static final long TIMEOUT_MILLIS = 2_000;

  private final Supplier<RuleEngine> engine;

  /** {@code engine} gives the active term's engine, or null on a standby. */
  public QueryApi(Supplier<RuleEngine> engine) {
    this.engine = engine;
  }

  public void mount(Router router) {
    router.get("/api/v1/query").handler(ctx -> answer(ctx, false));
    router.get("/api/v1/query_range").handler(ctx -> answer(ctx, true));
  }

  private void answer(RoutingContext ctx, boolean range) {
    RuleEngine active = engine.get();
    if (active == null) {
      RulesApi.standby(ctx);
      return;
    }
    try {
      JsonObject data = range ? range(ctx, active) : instant(ctx, active);
      ctx.response()
          .putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("status", "success").put("data", data).encode());
    } catch (QueryParams.BadQuery e) {
      problem(ctx, 400, "Bad query", e.getMessage(), "bad_data");
    } catch (ParseException e) {
      problem(ctx, 400, "Bad query", "query: " + e.getMessage(), "bad_data");
    } catch (EvaluationException e) {
      problem(ctx, 422, "Query failed", e.getMessage(), "execution");
    } catch (Timeout e) {
      problem(ctx, 503, "Query timed out", e.getMessage(), "timeout");
    }
  }

  private static JsonObject instant(RoutingContext ctx, RuleEngine engine) {
    Expr expr = PromQL.parse(QueryParams.required(ctx, "query"));
    long t = QueryParams.time(ctx, "time", System.currentTimeMillis());
    Value v = PromQL.evaluate(expr, t, engine.series());
    if (v instanceof Value.Scalar s) {
      return new JsonObject().put("resultType", "scalar").put("result", point(t, s.value()));
    }
    JsonArray result = new JsonArray();
    for (InstantSample s : ((Value.Vector) v).samples()) {
      JsonObject element = new JsonObject().put("metric", metric(s));
      if (s.isHistogram()) {
        element.put("histogram", histogramPoint(t, s));
      } else {
        element.put("value", point(t, s.value()));
      }
      result.add(element);
    }
    return new JsonObject().put("resultType", "vector").put("result", result);
  }

  private static JsonObject range(RoutingContext ctx, RuleEngine engine) {
    Expr expr = PromQL.parse(QueryParams.required(ctx, "query"));
    long start = QueryParams.time(ctx, "start", null);
    long end = QueryParams.time(ctx, "end", null);
    long step = QueryParams.step(ctx);
    if (end < start) {
      throw new QueryParams.BadQuery("end: must not be before start");
    }
    long points = (end - start) / step + 1;
    if (points > MAX_POINTS) {
      throw new QueryParams.BadQuery(
          "step: "
              + points
              + " points exceed the limit of "
              + MAX_POINTS
              + "; use a larger step or a shorter range");
    }
    SeriesSource source = engine.series();
    // start(), end(), step() and @ start()/@ end() read the range query's bounds
    QueryWindow window = new QueryWindow(start, end, step);
    long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000;
    Map<Map<String, String>, Points> series = new LinkedHashMap<>();
    for (long t = start; t <= end; t += step) {
      if (System.nanoTime() > deadline) {
        throw new Timeout();
      }
      for (InstantSample s : at(expr, t, window, source)) {
        Points p = series.computeIfAbsent(s.labels().asMap(), k -> new Points());
        if (s.isHistogram()) {
          p.histograms.add(histogramPoint(t, s));
        } else {
          p.values.add(point(t, s.value()));
        }
      }
    }
    JsonArray result = new JsonArray();
    series.forEach((labels, p) -> result.add(p.json(labels)));
    return new JsonObject().put("resultType", "matrix").put("result", result);
  }

  /**
   * One series of a matrix: float points under {@code values}, histogram points under {@code
   * histograms}, each field present only when it has points, as Prometheus writes a series.
   */
  private static final class Points {
    final JsonArray values = new JsonArray();
    final JsonArray histograms = new JsonArray();

    JsonObject json(Map<String, String> labels) {
      JsonObject out = new JsonObject().put("metric", new JsonObject(new LinkedHashMap<>(labels)));
      if (!values.isEmpty()) {
        out.put("values", values);
      }
      if (!histograms.isEmpty()) {
        out.put("histograms", histograms);
      }
      return out;
    }
  }

  /** One step of a range query; a scalar becomes one element with no labels, as in Prometheus. */
  private static List<InstantSample> at(
      Expr expr, long t, QueryWindow window, SeriesSource source) {
    Value v = Evaluator.at(expr, t, window, source, Evaluator.DEFAULT_LOOKBACK);
    if (v instanceof Value.Scalar s) {
      return List.of(new InstantSample(Labels.empty(), s.value(), t));
    }
    return ((Value.Vector) v).samples();
  }

  private static JsonObject metric(InstantSample s) {
    return new JsonObject(new LinkedHashMap<>(s.labels().asMap()));
  }

  /** Prometheus's point: unix seconds as a number, the value as a string. */
  private static JsonArray point(long millis, double value) {
    // a decimal, so the JSON reads 1700000015.5 as Prometheus writes it, not 1.7000000155E9
    return new JsonArray(List.of(BigDecimal.valueOf(millis, 3), GoFloat.json(value)));
  }

  /** Prometheus's histogram point: unix seconds and the histogram ({@link HistogramJson}). */
  private static JsonArray histogramPoint(long millis, InstantSample s) {
    return new JsonArray(List.of(BigDecimal.valueOf(millis, 3), HistogramJson.of(s.histogram())));
  }

  /**
   * Prometheus's error shape (what Grafana and other clients read: {@code status: "error"}, {@code
   * errorType}, {@code error}) plus problem+json's title and detail; its {@code status} field is
   * Prometheus's, so the answer is plain JSON.
   */
  private static void problem(
      RoutingContext ctx, int status, String title, String detail, String errorType) {
    JsonObject body =
        new JsonObject()
            .put("status", "error")
            .put("errorType", errorType)
            .put("error", detail)
            .put("title", title)
            .put("detail", detail);
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  /** The evaluation ran past {@link #TIMEOUT_MILLIS}. */
  private static final class Timeout extends RuntimeException {
    Timeout() {
      super(
          "the query ran longer than "
              + TIMEOUT_MILLIS
              + " ms and was stopped; use a larger step or a shorter range");
    }
  }
}
