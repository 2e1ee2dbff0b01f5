package dev.alerting.incident.api;

import dev.alerting.incident.store.IncidentEvent;
import dev.alerting.incident.store.IncidentStore;
import dev.alerting.platform.http.Problem;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/incidents/stream}: Server-Sent Events of every incident change (created,
 * updated, escalated, acknowledged, resolved), in order, each with its change-feed sequence as
 * {@code id}, so a client that reconnects with {@code Last-Event-ID} gets exactly what it missed.
 * The feed is a database table, so any instance serves any client.
 */
public final class IncidentStream {
  static final String PATH = IncidentApi.BASE + "/stream";
  private static final long POLL_MS = 250;
  private static final long HEARTBEAT_MS = 15_000;
  private static final int BATCH = 500;

  /**
   * A missing sequence number younger than this is a transaction still committing: wait for it
   * rather than skip it. Older gaps are rolled-back transactions and are passed over.
   */
  private static final Duration GAP_WAIT = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final IncidentStore store;

  public IncidentStream(Vertx vertx, IncidentStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** Mount before the {@code /:id} routes, which would otherwise take "stream" for an id. */
  public void mount(Router router) {
    router.get(PATH).handler(this::open);
  }

  private void open(RoutingContext ctx) {
    String last = ctx.request().getHeader("Last-Event-ID");
    if (last == null) {
      last = ctx.queryParams().get("lastEventId");
    }
    Long from = null;
    if (last != null && !last.isBlank()) {
      try {
        from = Long.parseLong(last.trim());
      } catch (NumberFormatException e) {
        new Problem(
                400,
                "Bad request",
                "Last-Event-ID '" + last + "' is not an event id",
                List.of(Calls.error("Last-Event-ID", "must be an integer")))
            .send(ctx);
        return;
      }
    }
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    response.write(": incident stream\n\n");
    Connection c = new Connection(response);
    response.closeHandler(v -> c.closed = true);
    if (from != null) {
      c.cursor = from;
      c.poll();
    } else {
      vertx
          .executeBlocking(store::lastEventSeq, false)
          .onSuccess(
              seq -> {
                c.cursor = seq;
                c.poll();
              })
          .onFailure(e -> response.end());
    }
  }

  /** One client: its position in the feed and its poll loop. */
  private final class Connection {
    private final HttpServerResponse response;
    private long cursor;
    private long lastWrite = System.currentTimeMillis();
    private volatile boolean closed;

    Connection(HttpServerResponse response) {
      this.response = response;
    }

    void poll() {
      if (closed) {
        return;
      }
      vertx
          .executeBlocking(() -> store.eventsAfter(cursor, BATCH), false)
          .onComplete(
              ar -> {
                if (closed) {
                  return;
                }
                if (ar.succeeded()) {
                  send(ar.result());
                }
                if (System.currentTimeMillis() - lastWrite > HEARTBEAT_MS) {
                  response.write(": keep-alive\n\n");
                  lastWrite = System.currentTimeMillis();
                }
                vertx.setTimer(POLL_MS, t -> poll());
              });
    }

    private void send(List<IncidentEvent> events) {
      Instant young = Instant.now().minus(GAP_WAIT);
      for (IncidentEvent e : events) {
        if (e.seq() != cursor + 1 && e.at().isAfter(young)) {
          return;
        }
        response.write("id: " + e.seq() + "\nevent: " + e.type() + "\ndata: " + e.data() + "\n\n");
        cursor = e.seq();
        lastWrite = System.currentTimeMillis();
      }
    }
  }
}
