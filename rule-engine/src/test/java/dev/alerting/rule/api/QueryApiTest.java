package dev.alerting.rule.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.sample.FloatHistogram;
import dev.alerting.model.sample.HistogramSpan;
import dev.alerting.model.sample.Sample;
import dev.alerting.platform.http.ServerOptions;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.engine.EngineOptions;
import dev.alerting.rule.engine.RuleEngine;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName(
    "Query API (Prometheus /api/v1/query and /api/v1/query_range over the engine's series)")
class QueryApiTest {
  private static final long T0 = 1_700_000_000_000L;
  private static Vertx vertx;
  private static HttpServer server;
  private static WebClient client;
  private static final AtomicReference<RuleEngine> ENGINE = new AtomicReference<>();

  @BeforeAll
  static void serve() {
    RuleEngine engine =
        new RuleEngine(
            new RuleFileLoader(new PromQLParser())
                .parse(
                    """
                    groups:
                    - name: g
                      rules:
                      - alert: Deep
                        expr: depth > 100
                      - record: latency:count
                        expr: histogram_count(latency)
                    """,
                    "r.yml"),
            AlertContext.defaults(),
            new EngineOptions(false, 100));
    for (int i = 0; i <= 4; i++) {
      engine.accept(
          List.of(
              Sample.of("depth", Labels.of("queue", "a"), 10 * i, T0 + i * 15_000L),
              Sample.of("depth", Labels.of("queue", "b"), 200, T0 + i * 15_000L)));
    }
    FloatHistogram h =
        FloatHistogram.builder()
            .count(3)
            .sum(4)
            .positive(List.of(new HistogramSpan(0, 2)), new double[] {1, 2})
            .build();
    engine.accept(List.of(Sample.histogram(Labels.of("__name__", "latency", "job", "a"), h, T0)));
    ENGINE.set(engine);
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    new QueryApi(ENGINE::get).mount(router);
    server = vertx.createHttpServer(ServerOptions.http1()).requestHandler(router).listen(0).await();
    client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultPort(server.actualPort()).setConnectTimeout(5000));
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  private static HttpResponse<Buffer> get(String uri) {
    return client.get(uri).timeout(10_000).send().await();
  }

  @Test
  @DisplayName("a range query answers one matrix series per label set with a point per step")
  void rangeQuery() {
    HttpResponse<Buffer> r =
        get(
            "/api/v1/query_range?query=depth&start="
                + T0 / 1000
                + "&end="
                + (T0 / 1000 + 60)
                + "&step=15s");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject data = r.bodyAsJsonObject().getJsonObject("data");
    assertThat(data.getString("resultType")).isEqualTo("matrix");
    JsonArray result = data.getJsonArray("result");
    assertThat(result).hasSize(2);
    JsonObject a =
        result.stream()
            .map(JsonObject.class::cast)
            .filter(o -> o.getJsonObject("metric").getString("queue").equals("a"))
            .findFirst()
            .orElseThrow();
    assertThat(a.getJsonObject("metric").getString("__name__")).isEqualTo("depth");
    assertThat(a.getJsonArray("values").stream().map(p -> ((JsonArray) p).getString(1)))
        .containsExactly("0", "10", "20", "30", "40");
    assertThat(a.getJsonArray("values").getJsonArray(1).getDouble(0)).isEqualTo(T0 / 1000.0 + 15);
    assertThat(r.bodyAsString()).contains("[" + (T0 / 1000 + 15) + ".000,\"10\"]");
  }

  @Test
  @DisplayName("start() and end() in a range query are the query's bounds")
  void rangeBounds() {
    HttpResponse<Buffer> r =
        get(
            "/api/v1/query_range?query=end()%20-%20start()&start="
                + T0 / 1000
                + "&end="
                + (T0 / 1000 + 60)
                + "&step=30");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonArray result = r.bodyAsJsonObject().getJsonObject("data").getJsonArray("result");
    assertThat(result).hasSize(1);
    assertThat(
            result.getJsonObject(0).getJsonArray("values").stream()
                .map(p -> ((JsonArray) p).getString(1)))
        .containsExactly("60", "60", "60");
  }

  @Test
  @DisplayName("an instant query answers a vector at the given RFC 3339 time")
  void instantQuery() {
    HttpResponse<Buffer> r =
        get(
            "/api/v1/query?query=depth%20%3E%20100&time="
                + java.time.Instant.ofEpochMilli(T0 + 60_000));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject data = r.bodyAsJsonObject().getJsonObject("data");
    assertThat(data.getString("resultType")).isEqualTo("vector");
    assertThat(data.getJsonArray("result")).hasSize(1);
    assertThat(data.getJsonArray("result").getJsonObject(0).getJsonArray("value").getString(1))
        .isEqualTo("200");
  }

  @Test
  @DisplayName(
      "a histogram element of an instant query is written in Prometheus's histogram shape, not 0")
  void histograms() {
    String at = "&time=" + java.time.Instant.ofEpochMilli(T0 + 60_000);
    HttpResponse<Buffer> count = get("/api/v1/query?query=histogram_count(latency)" + at);
    assertThat(count.statusCode()).isEqualTo(200);
    assertThat(
            count
                .bodyAsJsonObject()
                .getJsonObject("data")
                .getJsonArray("result")
                .getJsonObject(0)
                .getJsonArray("value")
                .getString(1))
        .isEqualTo("3");
    HttpResponse<Buffer> raw = get("/api/v1/query?query=latency" + at);
    assertThat(raw.statusCode()).isEqualTo(200);
    JsonObject element =
        raw.bodyAsJsonObject().getJsonObject("data").getJsonArray("result").getJsonObject(0);
    assertThat(element.containsKey("value")).isFalse();
    assertThat(element.getJsonObject("metric").getString("job")).isEqualTo("a");
    assertThat(element.getJsonArray("histogram").getDouble(0)).isEqualTo(T0 / 1000.0 + 60);
    assertThat(element.getJsonArray("histogram").getJsonObject(1))
        .isEqualTo(
            new JsonObject(
                """
                {"count":"3","sum":"4","buckets":[[0,"0.5","1","1"],[0,"1","2","2"]]}"""));
  }

  @Test
  @DisplayName("a range query writes a histogram series' points under histograms, not values")
  void histogramRange() {
    HttpResponse<Buffer> r =
        get(
            "/api/v1/query_range?query=latency&start="
                + T0 / 1000
                + "&end="
                + (T0 / 1000 + 30)
                + "&step=15s");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonArray result = r.bodyAsJsonObject().getJsonObject("data").getJsonArray("result");
    assertThat(result).hasSize(1);
    JsonObject series = result.getJsonObject(0);
    assertThat(series.containsKey("values")).isFalse();
    JsonArray points = series.getJsonArray("histograms");
    assertThat(points).hasSize(3);
    assertThat(points.getJsonArray(2).getDouble(0)).isEqualTo(T0 / 1000.0 + 30);
    assertThat(points.getJsonArray(2).getJsonObject(1).getString("count")).isEqualTo("3");
    assertThat(points.getJsonArray(2).getJsonObject(1).getJsonArray("buckets")).hasSize(2);
  }

  @ParameterizedTest(name = "{0} → 400 naming {1}")
  @DisplayName("bad parameters are refused with 400 naming the parameter")
  @CsvSource({
    "/api/v1/query_range?start=1&end=2&step=1, query",
    "/api/v1/query_range?query=depth&start=x&end=2&step=1, start",
    "/api/v1/query_range?query=depth&start=1&end=2&step=0, step",
    "/api/v1/query_range?query=depth&start=1&end=2&step=abc, step",
    "/api/v1/query_range?query=depth&start=10&end=2&step=1, end",
    "/api/v1/query_range?query=depth&start=0&end=100000&step=1, 'step: 100001 points'",
    "/api/v1/query?query=depth%20%3E, query",
  })
  void badParameters(String uri, String named) {
    HttpResponse<Buffer> r = get(uri);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("error");
    assertThat(r.bodyAsJsonObject().getString("error")).startsWith(named);
  }

  @Test
  @DisplayName("a standby (no engine) answers 503 naming its role")
  void standby() {
    RuleEngine engine = ENGINE.getAndSet(null);
    try {
      HttpResponse<Buffer> r = get("/api/v1/query?query=depth");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.bodyAsJsonObject().getString("role")).isEqualTo("standby");
    } finally {
      ENGINE.set(engine);
    }
  }
}
