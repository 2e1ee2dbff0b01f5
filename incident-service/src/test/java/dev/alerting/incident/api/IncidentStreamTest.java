package dev.alerting.incident.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.incident.IncidentMetrics;
import dev.alerting.incident.Incidents;
import dev.alerting.incident.config.OnCallConfigParser;
import dev.alerting.incident.lifecycle.Correlation;
import dev.alerting.incident.store.JdbcIncidentStore;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.ServerOptions;
import dev.alerting.platform.http.ServiceMetrics;
import dev.alerting.platform.http.ServiceRouter;
import dev.alerting.testkit.Eventually;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The SSE change stream over a real H2 store: order, event types, and resume by Last-Event-ID. */
@DisplayName("Incident event stream (Server-Sent Events)")
class IncidentStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Vertx vertx;
  private static JdbcIncidentStore store;
  private static HttpServer server;

  /** One event as a client parses it. */
  record Event(long id, String type, String data) {}

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    store =
        JdbcIncidentStore.open(
            ApiServer.h2("stream"),
            () ->
                OnCallConfigParser.parse(
                    """
                    users: [{name: alice, receiver: alice-pager}]
                    escalation_policies:
                      - name: all
                        steps: [{after: 0s, notify: [user/alice]}]
                    """,
                    "t.yml"),
            Clock.systemUTC());
    PrometheusMeterRegistry registry = ServiceMetrics.registry("incident-service");
    Router router = ServiceRouter.create(vertx, new Health(), registry);
    new IncidentStream(vertx, store).mount(router);
    new IncidentApi(new Incidents(vertx, store, new IncidentMetrics(registry), Clock.systemUTC()))
        .mount(router);
    server = vertx.createHttpServer(ServerOptions.http1()).requestHandler(router).listen(0).await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    store.close();
  }

  @Test
  @DisplayName(
      "created, escalated, acknowledged, resolved arrive in order; Last-Event-ID resumes after it")
  void ordersAndResumes() {
    long before = store.lastEventSeq();
    List<Event> live = new CopyOnWriteArrayList<>();
    CompletableFuture<?> stream = listen(before, live);

    Alert a =
        new Alert(
            AlertStatus.FIRING,
            Labels.of("alertname", "Streamed"),
            Map.of(),
            Instant.now(),
            null,
            "");
    long id = ((Correlation.Opened) store.applyAlert(a, Instant.now())).incident().id();
    store.paging().fireDue(Instant.now().plusSeconds(1), 10);
    post("/api/v1/incidents/" + id + "/acknowledge");
    post("/api/v1/incidents/" + id + "/resolve");

    Eventually.assertThat(WAIT, () -> assertThat(live).hasSize(4));
    stream.cancel(true);
    assertThat(live)
        .extracting(Event::type)
        .containsExactly("created", "escalated", "acknowledged", "resolved");
    assertThat(live).extracting(Event::id).isSorted().doesNotHaveDuplicates();
    assertThat(live.get(3).data())
        .contains("\"id\":\"" + id + "\"")
        .contains("\"status\":\"resolved\"");

    List<Event> resumed = new CopyOnWriteArrayList<>();
    CompletableFuture<?> again = listen(live.get(0).id(), resumed);
    Eventually.assertThat(WAIT, () -> assertThat(resumed).hasSize(3));
    again.cancel(true);
    assertThat(resumed).containsExactlyElementsOf(live.subList(1, 4));
  }

  @Test
  @DisplayName("a Last-Event-ID that is not an event id is a 400 problem")
  void badLastEventId() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(uri("/api/v1/incidents/stream"))
                .header("Last-Event-ID", "yesterday")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Last-Event-ID");
  }

  /** Reads the stream from after {@code lastId} into {@code sink}, event by event. */
  private static CompletableFuture<?> listen(long lastId, List<Event> sink) {
    HttpRequest req =
        HttpRequest.newBuilder(uri("/api/v1/incidents/stream"))
            .header("Last-Event-ID", Long.toString(lastId))
            .build();
    return HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofLines())
        .thenAccept(r -> parse(r.body(), sink));
  }

  private static void parse(Stream<String> lines, List<Event> sink) {
    List<String> block = new ArrayList<>();
    lines.forEach(
        line -> {
          if (!line.isEmpty()) {
            block.add(line);
            return;
          }
          long id = -1;
          String type = null;
          String data = null;
          for (String l : block) {
            if (l.startsWith("id: ")) {
              id = Long.parseLong(l.substring(4));
            } else if (l.startsWith("event: ")) {
              type = l.substring(7);
            } else if (l.startsWith("data: ")) {
              data = l.substring(6);
            }
          }
          block.clear();
          if (id >= 0) {
            sink.add(new Event(id, type, data));
          }
        });
  }

  private static void post(String path) {
    try {
      HTTP.send(
          HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static URI uri(String path) {
    return URI.create("http://localhost:" + server.actualPort() + path);
  }
}
