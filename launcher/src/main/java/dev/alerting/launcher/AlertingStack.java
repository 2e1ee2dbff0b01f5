package dev.alerting.launcher;

import dev.alerting.launcher.broker.KafkaBroker;
import dev.alerting.platform.config.Settings;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole suite in one process: an embedded Kafka broker (unless {@code KAFKA_BOOTSTRAP_SERVERS}
 * names one) and the four services on one Vert.x instance. {@code ./alerting up} and the end-to-end
 * tests both start the suite through this class.
 */
public final class AlertingStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertingStack.class);

  private final KafkaBroker kafka;
  private final Vertx vertx;
  private final Settings settings;
  private final Map<Service, String> deployments = new EnumMap<>(Service.class);
  private final Map<Service, Integer> ports = new EnumMap<>(Service.class);

  private AlertingStack(KafkaBroker kafka, Vertx vertx, Settings settings) {
    this.kafka = kafka;
    this.vertx = vertx;
    this.settings = settings;
  }

  /**
   * Starts the broker (on {@code kafkaPort}, 0 for a free one) when none is configured, then every
   * service. Blocks until all are ready; on failure everything started so far is stopped.
   */
  public static AlertingStack start(Settings settings, int kafkaPort) {
    KafkaBroker kafka = null;
    Settings effective = settings;
    if (settings.optional("KAFKA_BOOTSTRAP_SERVERS").isEmpty()) {
      Path dir = settings.optional("ALERTING_KAFKA_DIR").map(Path::of).orElse(null);
      kafka = KafkaBroker.start(kafkaPort, dir);
      effective = settings.with(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
    }
    AlertingStack stack = new AlertingStack(kafka, Vertx.vertx(), effective);
    try {
      for (Service s : Service.values()) {
        stack.startService(s);
      }
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** Deploys one service (again); blocks until it is ready. */
  public void startService(Service service) {
    if (deployments.containsKey(service)) {
      return;
    }
    Service.Running running = service.create(settings);
    String id = vertx.deployVerticle(running.verticle()).await();
    deployments.put(service, id);
    ports.put(service, running.port().getAsInt());
    LOG.info("{} ready on port {}", service.displayName(), ports.get(service));
  }

  /** Undeploys one service, as if its process stopped; the others keep running. */
  public void stopService(Service service) {
    String id = deployments.remove(service);
    if (id != null) {
      vertx.undeploy(id).await();
    }
  }

  public int port(Service service) {
    Integer p = ports.get(service);
    if (p == null) {
      throw new IllegalStateException(service.displayName() + " has not been started");
    }
    return p;
  }

  public String url(Service service) {
    return "http://localhost:" + port(service);
  }

  public String bootstrapServers() {
    return settings.required("KAFKA_BOOTSTRAP_SERVERS");
  }

  /** Stops the services first (they commit what they processed), then the broker. */
  @Override
  public void close() {
    try {
      vertx.close().await();
    } finally {
      if (kafka != null) {
        kafka.close();
      }
    }
  }
}
