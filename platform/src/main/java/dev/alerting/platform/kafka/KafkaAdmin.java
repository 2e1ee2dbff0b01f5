package dev.alerting.platform.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's admin connection: creates the topics it needs and answers readiness. Blocking Kafka
 * admin calls run on worker threads.
 */
public final class KafkaAdmin implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaAdmin.class);

  private final Vertx vertx;
  private final Admin admin;
  private final KafkaSettings settings;

  public KafkaAdmin(Vertx vertx, KafkaSettings settings, String clientId) {
    this.vertx = vertx;
    this.settings = settings;
    this.admin = Admin.create(settings.admin(clientId));
  }

  /**
   * Creates each topic that does not exist yet, with the cluster's {@code min.insync.replicas}
   * ({@code KAFKA_MIN_INSYNC_REPLICAS}) unless the spec sets one; existing topics are left as they
   * are.
   */
  public Future<Void> ensureTopics(List<TopicSpec> topics) {
    return vertx.executeBlocking(
        () -> {
          for (TopicSpec spec : topics) {
            TopicSpec t = settings.withDurability(spec);
            NewTopic nt =
                new NewTopic(t.name(), t.partitions(), t.replicationFactor()).configs(t.configs());
            try {
              admin.createTopics(List.of(nt)).all().get(30, TimeUnit.SECONDS);
              LOG.info("created topic {} with {} partitions", t.name(), t.partitions());
            } catch (ExecutionException e) {
              if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + t.name(), e.getCause());
              }
            }
          }
          return null;
        });
  }

  /** Succeeds when the cluster answers within two seconds. */
  public Future<Void> ping() {
    return vertx.executeBlocking(
        () -> {
          admin.describeCluster().clusterId().get(2, TimeUnit.SECONDS);
          return null;
        },
        false);
  }

  @Override
  public void close() {
    admin.close(java.time.Duration.ofSeconds(2));
  }
}
