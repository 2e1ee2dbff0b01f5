package dev.alerting.notify.api.v2;

import dev.alerting.notify.dispatch.Dispatcher;
import dev.alerting.notify.silence.Silences;
import dev.alerting.notify.stream.SilenceTopic;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.function.Supplier;

/**
 * Alertmanager's HTTP API v2 on the notifier port, so amtool, Grafana's Alertmanager data source
 * and Prometheus's {@code alerting.alertmanagers} work unchanged.
 */
public final class ApiV2 {
  private final StatusApi status;
  private final AlertsApi alerts;
  private final SilencesApi silences;

  /**
   * @param original the routing file as loaded (re-read on reload)
   * @param reload reloads the routing file; fails with the reason when it is invalid
   */
  public ApiV2(
      Vertx vertx,
      Dispatcher dispatcher,
      Silences silences,
      SilenceTopic silenceTopic,
      KafkaProducer<String, String> alertProducer,
      Supplier<String> original,
      Supplier<Future<Void>> reload) {
    this.status = new StatusApi(dispatcher, original, reload);
    this.alerts = new AlertsApi(vertx, dispatcher, silences, alertProducer);
    this.silences = new SilencesApi(silences, silenceTopic);
  }

  public void mount(Router router) {
    status.mount(router);
    alerts.mount(router);
    silences.mount(router);
  }

  public void stop() {
    alerts.stop();
  }

  /** The built-in configuration as Alertmanager YAML, for {@code config.original}. */
  public static String defaultOriginal() {
    return StatusApi.DEFAULT_ORIGINAL;
  }
}
