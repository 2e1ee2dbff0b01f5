package dev.alerting.launcher.chaos;

import dev.alerting.launcher.broker.BrokerNodeMain;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of {@code n} combined broker-controller nodes, each its own JVM ({@link
 * BrokerNodeMain}) with fixed ports and a kept log directory, so a node killed with {@code kill -9}
 * restarts as itself.
 */
final class ChaosBrokers implements AutoCloseable {
  private final List<ChildJvm> nodes = new ArrayList<>();
  private final List<Integer> clientPorts = new ArrayList<>();

  ChaosBrokers(int n, Path dir, Path logs) throws IOException {
    List<Integer> controllerPorts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clientPorts.add(freePort());
      controllerPorts.add(freePort());
    }
    String voters =
        java.util.stream.IntStream.range(0, n)
            .mapToObj(i -> (i + 1) + "@localhost:" + controllerPorts.get(i))
            .collect(Collectors.joining(","));
    String clusterId = Uuid.randomUuid().toString();
    for (int i = 0; i < n; i++) {
      int id = i + 1;
      nodes.add(
          new ChildJvm(
              "broker-" + id,
              "512m",
              BrokerNodeMain.class,
              List.of(
                  String.valueOf(id),
                  String.valueOf(clientPorts.get(i)),
                  String.valueOf(controllerPorts.get(i)),
                  voters,
                  clusterId,
                  dir.resolve("kafka-" + id).toString()),
              Map.of(),
              logs.resolve("broker-" + id + ".log")));
    }
  }

  void startAll() throws IOException {
    for (ChildJvm node : nodes) {
      node.start();
    }
  }

  /** The node {@code id} (1-based). */
  ChildJvm node(int id) {
    return nodes.get(id - 1);
  }

  List<ChildJvm> nodes() {
    return List.copyOf(nodes);
  }

  String bootstrapServers() {
    return clientPorts.stream().map(p -> "localhost:" + p).collect(Collectors.joining(","));
  }

  /** Waits until {@code count} brokers are registered and answer metadata requests. */
  void awaitBrokers(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = admin()) {
      while (true) {
        try {
          if (admin.describeCluster().nodes().get().size() >= count) {
            return;
          }
        } catch (Exception e) {
          // not up yet
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(count + " brokers not ready after " + timeout);
        }
        Pause.millis(200);
      }
    }
  }

  /** The node id of the active KRaft controller (the quorum leader). */
  int activeController() throws Exception {
    try (Admin admin = admin()) {
      return admin.describeMetadataQuorum().quorumInfo().get().leaderId();
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            "bootstrap.servers", bootstrapServers(),
            "request.timeout.ms", 2000,
            "default.api.timeout.ms", 5000));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    nodes.forEach(ChildJvm::kill);
  }
}
