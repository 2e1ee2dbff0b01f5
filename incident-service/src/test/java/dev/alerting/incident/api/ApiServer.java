package dev.alerting.incident.api;

import dev.alerting.incident.IncidentMetrics;
import dev.alerting.incident.Incidents;
import dev.alerting.incident.OnCall;
import dev.alerting.incident.config.OnCallSource;
import dev.alerting.incident.store.JdbcIncidentStore;
import dev.alerting.incident.store.StoreSettings;
import dev.alerting.platform.http.AccessTokens;
import dev.alerting.platform.http.Health;
import dev.alerting.platform.http.ServerOptions;
import dev.alerting.platform.http.ServiceMetrics;
import dev.alerting.platform.http.ServiceRouter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.UUID;

/** The incident and on-call HTTP APIs on a fresh in-memory H2 store, without Kafka. */
final class ApiServer {
  private ApiServer() {}

  /** A fresh in-memory H2 database in PostgreSQL mode, named after the test. */
  static StoreSettings h2(String name) {
    return new StoreSettings(
        "jdbc:h2:mem:"
            + name
            + "-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "postgres",
        "",
        2);
  }

  /** Serves both APIs on {@code store} behind {@code tokens}; answers the port. */
  static int serve(Vertx vertx, JdbcIncidentStore store, OnCallSource source, AccessTokens tokens) {
    PrometheusMeterRegistry registry = ServiceMetrics.registry("incident-service");
    var router = ServiceRouter.create(vertx, new Health(), registry);
    Clock clock = Clock.systemUTC();
    new IncidentApi(new Incidents(vertx, store, new IncidentMetrics(registry), clock), tokens)
        .mount(router);
    new OnCallApi(new OnCall(vertx, source, store.paging(), clock), clock, tokens).mount(router);
    return vertx
        .createHttpServer(ServerOptions.http1())
        .requestHandler(router)
        .listen(0)
        .await()
        .actualPort();
  }
}
