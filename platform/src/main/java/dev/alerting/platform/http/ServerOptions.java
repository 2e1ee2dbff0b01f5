package dev.alerting.platform.http;

import io.vertx.core.http.HttpServerOptions;

/** The HTTP server options every service listens with. */
public final class ServerOptions {
  private ServerOptions() {}

  /**
   * HTTP/1.1 only: Vert.x answers a cleartext HTTP/2 upgrade (h2c, what Java's default HttpClient
   * asks for) with a response larger than 64 KiB — a /metrics page — by a broken frame, so the
   * client fails or waits forever (ServerOptionsTest). Prometheus, Alertmanager and curl speak
   * HTTP/1.1 to plain-text endpoints anyway.
   */
  public static HttpServerOptions http1() {
    return new HttpServerOptions().setHttp2ClearTextEnabled(false);
  }
}
