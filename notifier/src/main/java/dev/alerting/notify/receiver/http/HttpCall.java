package dev.alerting.notify.receiver.http;

import io.vertx.core.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One HTTP request an integration makes; headers beyond http_config's auth are its own. */
public record HttpCall(HttpMethod method, String url, Map<String, String> headers, String body) {
  public HttpCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body == null ? "" : body;
  }

  public static HttpCall postJson(String url, String json) {
    return new HttpCall(HttpMethod.POST, url, Map.of("Content-Type", "application/json"), json);
  }

  public HttpCall withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new HttpCall(method, url, h, body);
  }
}
