package dev.alerting.notify.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.notify.NotifierConfig;
import dev.alerting.notify.NotifierVerticle;
import dev.alerting.platform.config.Settings;
import dev.alerting.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The amtool ITs' notifier: an embedded broker, the notifier on a routing file with time intervals
 * and a template, a sink recording what its receivers were sent; and amtool and plain HTTP pointed
 * at it.
 */
final class AmtoolNotifier implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String ROUTING =
      """
      time_intervals:
      - name: always
        time_intervals: [{times: [{start_time: '00:00', end_time: '24:00'}]}]
      - name: never
        time_intervals: [{years: ['1999']}]
      templates: ['it.tmpl']
      route:
        receiver: hook
        group_by: [team]
        group_wait: 100ms
        group_interval: 500ms
        repeat_interval: 1h
        routes:
        - matchers: ['team="db"']
          receiver: db
        - matchers: ['team="night"']
          receiver: hook
          mute_time_intervals: [always]
        - matchers: ['team="tmpl"']
          receiver: chat
      receivers:
      - name: hook
        webhook_configs:
        - url: http://127.0.0.1:%1$d/hook
      - name: db
        webhook_configs:
        - url: http://127.0.0.1:%1$d/db
      - name: chat
        slack_configs:
        - api_url: http://127.0.0.1:%1$d/chat
          text: '{{ template "it.text" . }}'
      """;

  static final String TEMPLATE =
      "{{ define \"it.text\" }}%s {{ .GroupLabels.team }} {{ len .Alerts }}{{ end }}";

  static final String TEMPLATE_V1 = TEMPLATE.formatted("v1");

  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final EmbeddedKafka kafka;
  private final Vertx vertx;
  private final Path template;
  private final NotifierConfig config;
  private NotifierVerticle notifier;
  private String deployment;

  private AmtoolNotifier(Path dir) throws Exception {
    kafka = EmbeddedKafka.start();
    vertx = Vertx.vertx();
    HttpServer sink =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b -> {
                              received.add(b.toJsonObject().put("path", req.path()));
                              req.response().end();
                            }))
            .listen(0)
            .await();
    template = Files.writeString(dir.resolve("it.tmpl"), TEMPLATE_V1);
    Path routing =
        Files.writeString(dir.resolve("alertmanager.yml"), ROUTING.formatted(sink.actualPort()));
    config =
        NotifierConfig.from(
            Settings.of(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "NOTIFIER_HTTP_PORT", "0",
                    "NOTIFIER_CONFIG", routing.toString())));
    deploy();
  }

  /** Starts it all, its files in {@code dir}. */
  static AmtoolNotifier start(Path dir) throws Exception {
    return new AmtoolNotifier(dir);
  }

  private void deploy() {
    notifier = new NotifierVerticle(config);
    deployment = vertx.deployVerticle(notifier).await();
  }

  /** Undeploys the notifier and deploys a new one on the same broker and files. */
  void restart() {
    vertx.undeploy(deployment).await();
    deploy();
  }

  int port() {
    return notifier.httpPort();
  }

  /** The template file the routing file names. */
  Path template() {
    return template;
  }

  /** Runs amtool against the notifier; it must succeed. */
  Amtool.Run amtool(String... args) {
    Amtool.Run r = Amtool.run(port(), args);
    assertThat(r.exitCode()).as("amtool %s: %s", List.of(args), r.err()).isZero();
    return r;
  }

  /** Alert names in the payloads delivered to the hook receiver. */
  List<List<String>> hookPayloads() {
    return received.stream()
        .filter(b -> b.getString("path").equals("/hook"))
        .map(
            b ->
                b.getJsonArray("alerts").stream()
                    .map(a -> ((JsonObject) a).getJsonObject("labels").getString("alertname"))
                    .sorted()
                    .toList())
        .toList();
  }

  /** The attachment texts the chat (Slack) receiver got, in order. */
  List<String> chatTexts() {
    return received.stream()
        .filter(b -> b.getString("path").equals("/chat"))
        .map(b -> b.getJsonArray("attachments").getJsonObject(0).getString("text"))
        .toList();
  }

  java.net.http.HttpResponse<String> http(String method, String path, String body) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + port() + path))
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(10))
                  .method(
                      method,
                      body == null
                          ? java.net.http.HttpRequest.BodyPublishers.noBody()
                          : java.net.http.HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Status and body, as the real Alertmanager 0.25 answered the same requests. */
  void answers(String method, String path, String body, int status, String answer) {
    var r = http(method, path, body);
    assertThat(r.statusCode()).as("%s %s", method, path).isEqualTo(status);
    assertThat(r.body()).as("%s %s", method, path).isEqualTo(answer);
  }

  String metrics() {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + port() + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  String silence(String alertname, String extras) {
    var r =
        http(
            "POST",
            "/api/v2/silences",
            "{\"matchers\":[{\"name\":\"alertname\",\"value\":\""
                + alertname
                + "\",\"isRegex\":false}],\"startsAt\":\""
                + java.time.Instant.now()
                + "\",\"endsAt\":\""
                + java.time.Instant.now().plusSeconds(3600)
                + "\",\"createdBy\":\"it\",\"comment\":\"c\","
                + extras
                + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getString("silenceID");
  }

  JsonObject silenceJson(String id) {
    return new JsonObject(http("GET", "/api/v2/silence/" + id, null).body());
  }

  @Override
  public void close() {
    vertx.close().await();
    kafka.close();
  }
}
