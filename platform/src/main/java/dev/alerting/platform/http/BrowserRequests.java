package dev.alerting.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps web pages from changing state through a service (cross-site request forgery). A request
 * that changes state (any method but GET, HEAD and OPTIONS) is refused with 403 when the browser
 * says it comes from another site ({@code Sec-Fetch-Site: cross-site} or {@code same-site}) or
 * names an {@code Origin} other than the service's own host and port, unless it carries a bearer
 * token (which a page cannot attach to another site's request). Command-line tools and servers
 * (curl, amtool, Prometheus) send neither header and pass. No CORS headers are ever sent, so
 * another site's page cannot read an answer either.
 *
 * <p>With {@link #JSON_POSTS}, a POST whose body is declared as a form or {@code text/plain} (the
 * bodies a page may send without asking the server first) is refused with 415: the JSON APIs take
 * {@code application/json}, as Alertmanager's API does. Ingest takes text formats and uses {@link
 * #ANY_BODY}; its pushes are still guarded by the origin check above.
 */
public final class BrowserRequests implements Handler<RoutingContext> {
  /** POST bodies must not be a form or plain text. */
  public static final BrowserRequests JSON_POSTS = new BrowserRequests(true);

  /** Any body type; only the origin check. */
  public static final BrowserRequests ANY_BODY = new BrowserRequests(false);

  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final Set<String> SIMPLE_BODIES =
      Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

  private final boolean jsonPosts;

  private BrowserRequests(boolean jsonPosts) {
    this.jsonPosts = jsonPosts;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    if (SAFE.contains(req.method())) {
      ctx.next();
      return;
    }
    // A page cannot attach a bearer token to another site's request without the browser asking
    // the service first (a preflight, never granted: no CORS headers), so a request carrying one
    // comes from a script, a tool or a proxy such as Grafana's, whatever Origin it forwards.
    String auth = req.getHeader("Authorization");
    boolean bearer = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7);
    String refused = bearer ? null : crossSite(req);
    if (refused != null) {
      Problem.of(403, "Cross-site request refused", refused).send(ctx);
      return;
    }
    if (jsonPosts && req.method() == HttpMethod.POST) {
      String type = mediaType(req.getHeader("Content-Type"));
      if (SIMPLE_BODIES.contains(type)) {
        Problem.of(
                415,
                "Unsupported Media Type",
                "this endpoint takes a JSON body with Content-Type: application/json, not "
                    + type
                    + " (curl: add -H 'Content-Type: application/json')")
            .send(ctx);
        return;
      }
    }
    ctx.next();
  }

  /** Why the request is refused as coming from another site's page, or null. */
  static String crossSite(HttpServerRequest req) {
    String site = req.getHeader("Sec-Fetch-Site");
    if (site != null) {
      site = site.trim().toLowerCase(Locale.ROOT);
      if (site.equals("same-origin") || site.equals("none")) {
        return null;
      }
      if (site.equals("cross-site") || site.equals("same-site")) {
        return "the browser marks this request Sec-Fetch-Site: "
            + site
            + "; state-changing requests are taken only from the service's own origin or from"
            + " non-browser clients";
      }
    }
    String origin = req.getHeader("Origin");
    if (origin == null) {
      return null;
    }
    String host = req.getHeader("Host");
    if (host != null && sameOrigin(origin.trim(), host.trim())) {
      return null;
    }
    return "Origin '"
        + origin
        + "' is not this service ("
        + host
        + "); state-changing requests are taken only from the service's own origin or from"
        + " non-browser clients";
  }

  private static boolean sameOrigin(String origin, String host) {
    URI o;
    URI h;
    try {
      o = URI.create(origin);
      h = URI.create("http://" + host);
    } catch (IllegalArgumentException e) {
      return false; // "null" (sandboxed pages, files) and anything malformed
    }
    if (o.getHost() == null || h.getHost() == null || o.getScheme() == null) {
      return false;
    }
    int defaultPort = "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
    int originPort = o.getPort() < 0 ? defaultPort : o.getPort();
    int hostPort = h.getPort() < 0 ? defaultPort : h.getPort();
    return o.getHost().equalsIgnoreCase(h.getHost()) && originPort == hostPort;
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
