package dev.alerting.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.codec.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver for tests: records every JSON body POSTed to it, with the time it arrived, and
 * answers 200.
 */
public final class WebhookSink implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<Delivery> received = new CopyOnWriteArrayList<>();

  /** One POST: its JSON body and when it arrived (epoch milliseconds). */
  public record Delivery(long atMillis, JsonNode body) {}

  public WebhookSink() {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              try {
                                received.add(
                                    new Delivery(
                                        System.currentTimeMillis(),
                                        Json.MAPPER.readTree(body.toString())));
                                req.response().setStatusCode(200).end();
                              } catch (IOException e) {
                                req.response().setStatusCode(400).end();
                              }
                            }))
            .listen(0)
            .await();
  }

  public String url() {
    return "http://localhost:" + server.actualPort() + "/hook";
  }

  List<JsonNode> received() {
    return received.stream().map(Delivery::body).toList();
  }

  /** Every POST so far, in arrival order. */
  public List<Delivery> deliveries() {
    return List.copyOf(received);
  }

  /**
   * Deliveries whose payload status is {@code status} and that carry an alert named {@code
   * alertname}.
   */
  List<JsonNode> deliveries(String status, String alertname) {
    return received().stream()
        .filter(p -> p.path("status").asText().equals(status))
        .filter(
            p -> {
              for (JsonNode a : p.path("alerts")) {
                if (a.path("labels").path("alertname").asText().equals(alertname)) {
                  return true;
                }
              }
              return false;
            })
        .toList();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
