package dev.alerting.testkit;

import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single-node Apache Kafka cluster (combined KRaft broker and controller) running in this JVM,
 * from the official Kafka jars. Used by integration tests and by the one-command stack.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private final KafkaClusterTestKit cluster;

  private final int fixedPort;

  private EmbeddedKafka(KafkaClusterTestKit cluster, int fixedPort) {
    this.cluster = cluster;
    this.fixedPort = fixedPort;
  }

  /** Starts a broker on a free port, with its data in a temporary directory deleted on close. */
  public static EmbeddedKafka start() {
    return start(0, null);
  }

  /**
   * Starts a broker. {@code port} 0 picks a free port; {@code dataDir} null uses a temporary
   * directory deleted on close, otherwise the data is kept there.
   */
  public static EmbeddedKafka start(int port, Path dataDir) {
    return start(port, dataDir, null);
  }

  /**
   * Starts a broker whose clients must log in: its bootstrap address is a SASL_PLAINTEXT listener
   * (mechanism PLAIN) that knows one {@code user} with {@code password}; the broker's own traffic
   * stays on its internal listeners.
   */
  public static EmbeddedKafka startWithSasl(String user, String password) {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("no free port", e);
    }
    return start(port, null, new String[] {user, password});
  }

  private static EmbeddedKafka start(int port, Path dataDir, String[] saslUser) {
    if (port != 0) {
      requireFree(port);
    }
    try {
      TestKitNodes.Builder nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1);
      if (dataDir != null) {
        // a kept data directory must be reopened with the cluster id it was formatted with
        nodes.setBaseDirectory(dataDir).setClusterId(clusterId(dataDir));
      }
      KafkaClusterTestKit.Builder builder =
          new KafkaClusterTestKit.Builder(nodes.build())
              // one node: internal topics cannot have more replicas, else consumer groups hang
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("offsets.topic.num.partitions", "3")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
              .setConfigProp("share.coordinator.state.topic.min.isr", "1")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              // KIP-848 consumer groups (the clients' default, KAFKA_GROUP_PROTOCOL): a member
              // killed with kill -9 gives its partitions up after 10 s, not the default 45 s
              .setConfigProp("group.coordinator.rebalance.protocols", "classic,consumer")
              .setConfigProp("group.consumer.min.session.timeout.ms", "6000")
              .setConfigProp("group.consumer.session.timeout.ms", "10000")
              .setConfigProp("group.consumer.min.heartbeat.interval.ms", "1000")
              .setConfigProp("group.consumer.heartbeat.interval.ms", "2000")
              .setConfigProp("auto.create.topics.enable", "false")
              .setConfigProp("num.partitions", "3")
              .setDeleteOnClose(dataDir == null);
      if (port != 0) {
        // The test kit pre-binds its own listeners to random ports; a fixed port needs a listener
        // of its own, which clients bootstrapping there are then advertised.
        builder.setConfigProp(
            "listeners",
            "EXTERNAL://localhost:0,CONTROLLER://localhost:0,CLIENT://localhost:" + port);
        builder.setConfigProp(
            "listener.security.protocol.map",
            "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,CLIENT:"
                + (saslUser == null ? "PLAINTEXT" : "SASL_PLAINTEXT"));
      }
      if (saslUser != null) {
        builder.setConfigProp("sasl.enabled.mechanisms", "PLAIN");
        builder.setConfigProp(
            "listener.name.client.plain.sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + saslUser[0]
                + "\" password=\""
                + saslUser[1]
                + "\" user_"
                + saslUser[0]
                + "=\""
                + saslUser[1]
                + "\";");
      }
      KafkaClusterTestKit kit = builder.build();
      if (dataDir == null || !alreadyFormatted(dataDir)) {
        kit.format();
      }
      kit.startup();
      kit.waitForReadyBrokers();
      return new EmbeddedKafka(kit, port);
    } catch (Exception e) {
      throw new IllegalStateException("embedded Kafka did not start: " + e.getMessage(), e);
    }
  }

  private static void requireFree(int port) {
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress("localhost", port));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "port " + port + " is in use (another broker, or another ./alerting up?)", e);
    }
  }

  private static boolean alreadyFormatted(Path dataDir) throws java.io.IOException {
    try (var dirs = java.nio.file.Files.list(dataDir)) {
      return dirs.anyMatch(d -> java.nio.file.Files.exists(d.resolve("meta.properties")));
    }
  }

  private static String clusterId(Path dataDir) throws java.io.IOException {
    Path file = dataDir.resolve("cluster.id");
    if (java.nio.file.Files.exists(file)) {
      return java.nio.file.Files.readString(file).trim();
    }
    java.nio.file.Files.createDirectories(dataDir);
    String id = org.apache.kafka.common.Uuid.randomUuid().toString();
    java.nio.file.Files.writeString(file, id);
    return id;
  }

  public String bootstrapServers() {
    return fixedPort != 0 ? "localhost:" + fixedPort : cluster.bootstrapServers();
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("embedded Kafka did not stop cleanly", e);
    }
  }
}
