package dev.alerting.launcher.chaos;

import dev.alerting.launcher.AlertingStack;
import dev.alerting.launcher.Service;
import dev.alerting.launcher.WebhookSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite as separate processes: a KRaft cluster of one or three broker JVMs and the four
 * services as JVMs pointed at it, a webhook sink for notifications and pages, and the {@link
 * Observed} view of their effects. Closing kills every child, whatever state the test left them in.
 */
final class ChaosStack implements AutoCloseable {
  static final Duration START = Duration.ofSeconds(150);

  final ChaosBrokers brokers;
  final ChaosServices services;
  final WebhookSink sink;
  private final int brokerCount;
  private Observed observed;

  private ChaosStack(ChaosBrokers brokers, ChaosServices services, WebhookSink sink, int count) {
    this.brokers = brokers;
    this.services = services;
    this.sink = sink;
    this.brokerCount = count;
  }

  /**
   * Starts {@code brokerCount} brokers (three: topics with replication factor 3 and {@code
   * min.insync.replicas=2}) and the services; {@code incidentDb} holds {@code INCIDENT_DB_*}, or is
   * empty for an H2 file store under {@code dir}.
   */
  static ChaosStack start(Path dir, int brokerCount, Map<String, String> incidentDb)
      throws IOException {
    WebhookSink sink = new WebhookSink();
    // the children's logs outlive the temporary directory: target/chaos-logs/<run>/
    Path logs =
        Path.of("target/chaos-logs", System.currentTimeMillis() + "-" + brokerCount)
            .toAbsolutePath();
    ChaosBrokers brokers = new ChaosBrokers(brokerCount, dir, logs);
    Map<String, String> kafka = new HashMap<>();
    kafka.put("KAFKA_BOOTSTRAP_SERVERS", brokers.bootstrapServers());
    if (brokerCount >= 3) {
      kafka.put("KAFKA_REPLICATION_FACTOR", "3");
      kafka.put("KAFKA_MIN_INSYNC_REPLICAS", "2");
    }
    Map<String, String> db = new HashMap<>(incidentDb);
    if (db.isEmpty()) {
      db.put(
          "INCIDENT_DB_URL",
          "jdbc:h2:file:"
              + dir.resolve("incidents/incidents")
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    }
    ChaosFiles files = new ChaosFiles(dir.resolve("config"), sink.url());
    ChaosStack stack =
        new ChaosStack(brokers, new ChaosServices(logs, files, kafka, db), sink, brokerCount);
    try {
      stack.startAll();
      stack.observed =
          new Observed(brokers.bootstrapServers(), sink, stack.services.url(Service.INCIDENTS));
    } catch (IOException | RuntimeException | Error e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  /**
   * Brokers first, then the services in {@code ./alerting up}'s waves ({@link
   * AlertingStack#WAVES}): ingest and the rule engine, which turn a push into an alert event, then
   * the two consumers of alerts, so on two cores the path to the first alert does not share the CPU
   * with four JVM start-ups.
   */
  void startAll() throws IOException {
    long t0 = System.nanoTime();
    brokers.startAll();
    brokers.awaitBrokers(brokerCount, START);
    StringBuilder phases =
        new StringBuilder(String.format("CHAOS PHASES (s): brokers ready %.1f", since(t0)));
    for (List<Service> wave : AlertingStack.WAVES) {
      for (Service s : wave) {
        services.child(s).start();
      }
      for (Service s : wave) {
        services.awaitReady(s, START);
        phases.append(String.format(", %s ready %.1f", s.displayName(), since(t0)));
      }
    }
    System.out.println(phases);
  }

  private static double since(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** {@code kill -9} of every process of the suite. */
  void killAll() {
    services.killAll();
    brokers.close();
  }

  Observed observed() {
    return observed;
  }

  String ingestUrl() {
    return services.url(Service.INGEST);
  }

  @Override
  public void close() {
    try {
      if (observed != null) {
        observed.close();
      }
    } finally {
      killAll();
      sink.close();
    }
  }
}
