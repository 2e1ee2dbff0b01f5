package dev.alerting.notify.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.codec.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that records every request (method, path with query, headers, body) and
 * answers with a status that tests can script per path prefix.
 */
public final class CaptureServer {
  /** One received request. */
  public record Request(String method, String path, Map<String, String> headers, String body) {
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Integer> scripted = new ConcurrentLinkedQueue<>();
  private final Map<String, String> answerHeaders = new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicInteger defaultStatus = new AtomicInteger(200);

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
                                  new Request(req.method().name(), req.uri(), h, b.toString()));
                              Integer status = scripted.poll();
                              var resp = req.response().setStatusCode(status == null ? defaultStatus.get() : status);
                              if (status != null) {
                                answerHeaders.forEach(resp::putHeader);
                              }
                              resp.end();
                            }))
            .listen(0, "127.0.0.1")
            .await();
  }

  public static CaptureServer start(Vertx vertx) {
    return new CaptureServer(vertx);
  }

  public int port() {
    return server.actualPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** The next requests are answered with these statuses, in order, then the default again. */
  public CaptureServer answer(Integer... statuses) {
    scripted.addAll(List.of(statuses));
    return this;
  }

  /** Headers added to scripted answers (e.g. Retry-After). */
  public CaptureServer answerHeader(String name, String value) {
    answerHeaders.put(name, value);
    return this;
  }

  public CaptureServer answerByDefault(int status) {
    defaultStatus.set(status);
    return this;
  }

  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  public void reset() {
    requests.clear();
    scripted.clear();
    answerHeaders.clear();
    defaultStatus.set(200);
  }
}
