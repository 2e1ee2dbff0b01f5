package dev.alerting.notify.api;

import dev.alerting.platform.http.AccessTokens;
import dev.alerting.platform.http.AccessTokens.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * Who may change the notifier's state ({@code NOTIFIER_AUTH_TOKENS}): silences, posted alerts and
 * dead-letter retries need {@code write}, reloading the routing file {@code admin}; reads stay
 * open. Mounted before the APIs, so a request is refused before its body is read.
 */
public final class ApiAccess {
  /**
   * The protected routes and the role each needs; every other route is open. Alertmanager's API
   * creates and updates silences with {@code POST /api/v2/silences} and expires one with {@code
   * DELETE /api/v2/silence/{id}}; it has no other silence mutations.
   */
  static final Rule[] RULES = {
    new Rule(HttpMethod.POST, "/api/v2/silences", Role.WRITE),
    new Rule(HttpMethod.DELETE, "/api/v2/silence/:id", Role.WRITE),
    new Rule(HttpMethod.POST, "/api/v2/alerts", Role.WRITE),
    new Rule(HttpMethod.POST, "/api/v1/notifications/failed/:id/retry", Role.WRITE),
    new Rule(HttpMethod.POST, "/-/reload", Role.ADMIN),
  };

  /** One protected route. */
  record Rule(HttpMethod method, String path, Role role) {}

  private ApiAccess() {}

  /** Adds the checks to {@code router}; call before mounting the APIs. No-op when auth is off. */
  public static void mount(Router router, AccessTokens tokens) {
    if (!tokens.enabled()) {
      return;
    }
    for (Rule r : RULES) {
      router.route(r.method(), r.path()).handler(tokens.require(r.role()));
    }
  }
}
