package dev.alerting.launcher;

import dev.alerting.console.ConsoleConfig;
import dev.alerting.console.ConsoleVerticle;
import dev.alerting.launcher.broker.KafkaBroker;
import dev.alerting.platform.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole suite in one process: an embedded Kafka broker (unless {@code KAFKA_BOOTSTRAP_SERVERS}
 * names one) and the four services on one Vert.x instance. {@code ./alerting up} and the end-to-end
 * tests both start the suite through this class.
 */
public final class AlertingStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertingStack.class);
  // each service drains in well under this; past it a stop is stuck, not slow
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Start-up order: ingest and the rule engine first (together they turn a pushed sample into an
   * alert event, the path a restart after a crash waits for), then the two consumers of alerts.
   */
  public static final List<List<Service>> WAVES =
      List.of(List.of(Service.INGEST, Service.RULES), List.of(Service.NOTIFIER, Service.INCIDENTS));

  private final KafkaBroker kafka;
  private final Vertx vertx;
  private final Settings settings;
  private final Map<Service, String> deployments = new EnumMap<>(Service.class);
  private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
  private ConsoleVerticle console;

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
      long began = System.nanoTime();
      LOG.info(
          "starting the embedded Kafka broker ({} ms after JVM start)",
          ManagementFactory.getRuntimeMXBean().getUptime());
      kafka = KafkaBroker.start(kafkaPort, dir);
      // the first phase of a (re)start, for docs/recovery.md: JVM boot, then the broker's own start
      LOG.info(
          "embedded Kafka ready at {} in {} ms ({} ms after JVM start)",
          kafka.bootstrapServers(),
          (System.nanoTime() - began) / 1_000_000,
          ManagementFactory.getRuntimeMXBean().getUptime());
      effective = settings.with(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
    }
    AlertingStack stack = new AlertingStack(kafka, Vertx.vertx(), effective);
    try {
      for (List<Service> wave : WAVES) {
        stack.startTogether(wave);
      }
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /**
   * Deploys services side by side and blocks until all are ready: their start-ups are mostly round
   * trips to the broker, so the waves overlap them (docs/recovery.md has the figures).
   */
  private void startTogether(List<Service> wave) {
    List<Service> todo = wave.stream().filter(s -> !deployments.containsKey(s)).toList();
    List<Service.Running> built = todo.stream().map(s -> s.create(settings)).toList();
    List<Future<String>> ids = built.stream().map(r -> vertx.deployVerticle(r.verticle())).toList();
    Future.all(ids).await();
    for (int i = 0; i < todo.size(); i++) {
      Service service = todo.get(i);
      deployments.put(service, ids.get(i).result());
      ports.put(service, built.get(i).port().getAsInt());
      LOG.info("{} ready on port {}", service.displayName(), ports.get(service));
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
      try {
        vertx.undeploy(id).await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            service.displayName() + " did not stop within " + STOP_TIMEOUT, e);
      }
    }
  }

  /**
   * Starts the operator console on {@code CONSOLE_PORT} (default 8084), pointed at this stack's
   * services unless {@code CONSOLE_*_URL} name others; blocks until it listens. Not part of {@link
   * #start}: only {@code ./alerting up} and the console's tests want a fixed port taken.
   */
  public String startConsole() {
    if (console == null) {
      Map<String, String> urls = new HashMap<>();
      urls.put(ConsoleConfig.INGEST_URL, url(Service.INGEST));
      urls.put(ConsoleConfig.RULES_URL, url(Service.RULES));
      urls.put(ConsoleConfig.NOTIFIER_URL, url(Service.NOTIFIER));
      urls.put(ConsoleConfig.INCIDENTS_URL, url(Service.INCIDENTS));
      urls.keySet().removeIf(k -> settings.optional(k).isPresent());
      ConsoleVerticle v = new ConsoleVerticle(ConsoleConfig.from(settings.with(urls)));
      vertx.deployVerticle(v).await();
      console = v;
      LOG.info("console ready on port {}", v.httpPort());
    }
    return consoleUrl();
  }

  /** The console's URL; {@link #startConsole} must have run. */
  public String consoleUrl() {
    if (console == null) {
      throw new IllegalStateException("the console has not been started");
    }
    return "http://localhost:" + console.httpPort();
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
      vertx.close().await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // a stop that never ends must not hold the process (or a test run) forever: say who hung
      Set<String> left = vertx.deploymentIDs();
      LOG.warn(
          "services still stopping after {}, closing the broker anyway: {}",
          STOP_TIMEOUT,
          deployments.entrySet().stream()
              .filter(e2 -> left.contains(e2.getValue()))
              .map(e2 -> e2.getKey().displayName())
              .toList());
    } finally {
      if (kafka != null) {
        kafka.close();
      }
    }
  }
}
