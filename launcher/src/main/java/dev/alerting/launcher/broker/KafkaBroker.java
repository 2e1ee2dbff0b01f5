package dev.alerting.launcher.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * One Apache Kafka node (combined KRaft broker and controller) run from Kafka's own server classes,
 * as {@code kafka-server-start.sh} runs it: format the storage once, then {@link KafkaRaftServer}.
 * The one-command stack uses this; tests use the test kit's broker instead.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final int NODE_ID = 1;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  static final int HEARTBEAT_MS = 500;
  static final int SESSION_TIMEOUT_MS = 3000;

  private final KafkaRaftServer server;
  private final int port;
  private final Path tempDir;

  private KafkaBroker(KafkaRaftServer server, int port, Path tempDir) {
    this.server = server;
    this.port = port;
    this.tempDir = tempDir;
  }

  /**
   * Starts a node listening for clients on {@code port} (0 picks a free one) and keeping its log in
   * {@code dataDir} (null: a temporary directory deleted on close). A data directory formatted by
   * an earlier run is reopened with its cluster id, so topics and offsets survive a restart.
   */
  public static KafkaBroker start(int port, Path dataDir) {
    int clientPort = port == 0 ? freePort() : requireFree(port);
    Path temp = null;
    try {
      Path dir = dataDir;
      if (dir == null) {
        temp = Files.createTempDirectory("alerting-kafka");
        dir = temp;
      }
      Path logDir = dir.resolve("log").toAbsolutePath();
      Files.createDirectories(logDir);
      KafkaConfig config = KafkaConfig.fromProps(properties(clientPort, freePort(), logDir), false);
      if (!Files.exists(logDir.resolve("meta.properties"))) {
        format(logDir);
      }
      // before the broker asks for its request histograms (a broker that stopped removed them)
      BrokerHistograms.registerUniform();
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      KafkaBroker broker = new KafkaBroker(server, clientPort, temp);
      broker.awaitReady();
      return broker;
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new IllegalStateException("embedded Kafka did not start: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(temp);
      throw new IllegalStateException("embedded Kafka did not start: " + e.getMessage(), e);
    }
  }

  /** What {@code server.properties} would say for a single combined node on localhost. */
  static Properties properties(int clientPort, int controllerPort, Path logDir) {
    Properties p = new Properties();
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("process.roles", "broker,controller");
    p.put(
        "listeners",
        "PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    // a static one-voter quorum: the controller port may differ between runs
    p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    p.put("log.dirs", logDir.toString());
    // one node: internal topics cannot have more replicas, else consumer groups hang
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "3");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    // one transactional producer (the rule engine's): 50 partitions, Kafka's default, are 50 logs
    // and 50 coordinator loads on every start and after a crash
    p.put("transaction.state.log.num.partitions", "3");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // After a kill -9 the controller keeps the dead broker's registration alive for a session
    // timeout and refuses the restarted broker (DUPLICATE_BROKER_REGISTRATION) until it expires:
    // 9 s by default, all of it added to the restart (docs/recovery.md). Broker and controller
    // share this process, so a short session costs nothing but a heartbeat every 500 ms.
    p.put("broker.heartbeat.interval.ms", String.valueOf(HEARTBEAT_MS));
    p.put("broker.session.timeout.ms", String.valueOf(SESSION_TIMEOUT_MS));
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "3");
    return p;
  }

  private static void format(Path logDir) {
    try (PrintStream quiet =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logDir.toString()))
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir.toString())
          .setPrintStream(quiet)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
    }
  }

  /** Blocks until the broker answers metadata requests (it has joined its own quorum). */
  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin =
        Admin.create(
            Map.of(
                "bootstrap.servers", bootstrapServers(),
                "request.timeout.ms", 2000,
                "default.api.timeout.ms", 5000))) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get().isEmpty()) {
            return;
          }
        } catch (Exception e) {
          if (System.nanoTime() > deadline) {
            close();
            throw new IllegalStateException("broker not ready after " + READY_TIMEOUT, e);
          }
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    }
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /** Stops the node and waits for its log to be closed cleanly. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    deleteQuietly(tempDir);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int requireFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress("localhost", port));
      return port;
    } catch (IOException e) {
      throw new IllegalStateException(
          "port " + port + " is in use (another broker, or another ./alerting up?)", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
