package dev.alerting.launcher.broker;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * One node of a KRaft cluster of one or more combined broker-controllers, run as its own JVM so a
 * chaos test can {@code kill -9} it. The node's settings are the one-command stack's ({@link
 * KafkaBroker#properties}) with the node id, the static voter set and the replication of the
 * internal topics of a cluster of {@code voters} nodes.
 *
 * <p>Arguments: node id, client port, controller port, voters ({@code 1@localhost:p1,2@…}), cluster
 * id, log directory.
 */
public final class BrokerNodeMain {
  private BrokerNodeMain() {}

  public static void main(String[] args) throws Exception {
    int nodeId = Integer.parseInt(args[0]);
    int clientPort = Integer.parseInt(args[1]);
    int controllerPort = Integer.parseInt(args[2]);
    String voters = args[3];
    String clusterId = args[4];
    Path logDir = Path.of(args[5]).toAbsolutePath();
    Files.createDirectories(logDir);
    Properties p = properties(nodeId, clientPort, controllerPort, voters, logDir);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(nodeId, clusterId, logDir);
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
    server.startup();
    System.out.println("broker node " + nodeId + " started on localhost:" + clientPort);
    server.awaitShutdown();
  }

  static Properties properties(
      int nodeId, int clientPort, int controllerPort, String voters, Path logDir) {
    Properties p = KafkaBroker.properties(clientPort, controllerPort, logDir);
    int nodes = voters.split(",").length;
    // internal topics as a production cluster of this size has them: RF 3, min ISR 2 for three
    String rf = String.valueOf(Math.min(nodes, 3));
    String minIsr = String.valueOf(nodes >= 3 ? 2 : 1);
    p.put("node.id", String.valueOf(nodeId));
    p.put("controller.quorum.voters", voters);
    p.put("offsets.topic.replication.factor", rf);
    p.put("transaction.state.log.replication.factor", rf);
    p.put("transaction.state.log.min.isr", minIsr);
    p.put("share.coordinator.state.topic.replication.factor", rf);
    p.put("share.coordinator.state.topic.min.isr", minIsr);
    p.put("default.replication.factor", rf);
    p.put("min.insync.replicas", minIsr);
    // as the test kit's broker: a consumer-group member killed with kill -9 and not restarted
    // gives its partitions up after 10 s, not 45 s
    p.put("group.coordinator.rebalance.protocols", "classic,consumer");
    p.put("group.consumer.min.session.timeout.ms", "6000");
    p.put("group.consumer.session.timeout.ms", "10000");
    return p;
  }

  private static void format(int nodeId, String clusterId, Path logDir) throws Exception {
    try (PrintStream quiet =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setNodeId(nodeId)
          .setClusterId(clusterId)
          .setDirectories(List.of(logDir.toString()))
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir.toString())
          .setPrintStream(quiet)
          .run();
    }
  }
}
