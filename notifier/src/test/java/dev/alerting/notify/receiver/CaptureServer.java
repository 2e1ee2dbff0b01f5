package dev.alerting.notify.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.codec.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A local HTTP server that records every request (method, path with query, headers, body, arrival
 * time) and answers 200, or a status scripted per path prefix. A scripted error answer echoes the
 * request URI in its body, as real services do, so secret-redaction tests see it come back.
 */
public final class CaptureServer {
  /** One received request. */
  public record Request(
      String method, String path, Map<String, String> headers, String body, long atNanos) {
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  /** A scripted answer. */
  private record Answer(int status, Map<String, String> headers) {}

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
  private final Map<String, Queue<Answer>> scripted = new ConcurrentHashMap<>();

  private CaptureServer(Vertx vertx) {
    this.server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b -> {
                              Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                              req.headers().forEach(e -> h.put(e.getKey(), e.getValue()));
                              requests.add(
                                  new Request(
                                      req.method().name(),
                                      req.uri(),
                                      h,
                                      b.toString(),
                                      System.nanoTime()));
                              Answer a = next(req.path());
                              var resp = req.response().setStatusCode(a == null ? 200 : a.status());
                              if (a == null) {
                                resp.end();
                              } else {
                                a.headers().forEach(resp::putHeader);
                                resp.end("rejected " + req.uri());
                              }
                            }))
            .listen(0, "127.0.0.1")
            .await();
  }

  public static CaptureServer start(Vertx vertx) {
    return new CaptureServer(vertx);
  }

  private synchronized Answer next(String path) {
    for (Map.Entry<String, Queue<Answer>> e : scripted.entrySet()) {
      if (path.startsWith(e.getKey()) && !e.getValue().isEmpty()) {
        return e.getValue().poll();
      }
    }
    return null;
  }

  public int port() {
    return server.actualPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** The next requests under {@code pathPrefix} get these statuses, then 200 again. */
  public synchronized CaptureServer answer(String pathPrefix, int... statuses) {
    return answerWith(pathPrefix, Map.of(), statuses);
  }

  public synchronized CaptureServer answerWith(
      String pathPrefix, Map<String, String> headers, int... statuses) {
    Queue<Answer> q = scripted.computeIfAbsent(pathPrefix, p -> new ArrayDeque<>());
    for (int s : statuses) {
      q.add(new Answer(s, headers));
    }
    return this;
  }

  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  public List<Request> requests(String pathPrefix) {
    return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
  }

  public synchronized void reset() {
    requests.clear();
    scripted.clear();
  }
}
