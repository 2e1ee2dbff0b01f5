package dev.alerting.bench.incidents;

import dev.alerting.bench.load.Machine;
import dev.alerting.incident.IncidentConfig;
import dev.alerting.incident.IncidentVerticle;
import dev.alerting.launcher.broker.KafkaBroker;
import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.platform.codec.AlertCodec;
import dev.alerting.platform.config.Settings;
import dev.alerting.platform.kafka.Topics;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./alerting bench incidents [--alerts N] [--db URL|h2] [--no-escalation]}: a burst of N
 * distinct firing alerts is put on {@code alerts} first; then an incident service starts
 * (escalation on: a policy pages a user for every incident at once) and the harness times how long
 * it takes until every event is applied (offsets committed, N incidents in the database) and until
 * every first page is published to {@code pages}. Default database: a fresh schema in PostgreSQL at
 * 127.0.0.1:5432/test; {@code --db h2} for embedded H2. Prints one row for docs/benchmarks.md.
 */
public final class IncidentBurst {
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

  private IncidentBurst() {}

  public static void main(String[] args) throws Exception {
    int n = 5000;
    String db = PG;
    boolean escalation = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--alerts" -> n = Integer.parseInt(args[++i]);
        case "--db" -> db = args[++i];
        case "--no-escalation" -> escalation = false;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Machine machine = Machine.current();
    String url = database(db);
    try (KafkaBroker kafka = KafkaBroker.start(0, null)) {
      produce(kafka.bootstrapServers(), n);
      Path oncall = Files.createTempFile("bench-oncall", ".yml");
      Files.writeString(
          oncall,
          """
          users: [{name: oncall, receiver: oncall-pager}]
          escalation_policies:
            - name: all
              matchers: ['severity="%s"']
              steps: [{after: 0s, notify: [user/oncall]}]
          incidents:
            group_by: [alertname, instance]
          """
              .formatted(escalation ? "critical" : "none-matches"));
      Map<String, String> env = new HashMap<>();
      env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
      env.put("INCIDENT_HTTP_PORT", "0");
      env.put("INCIDENT_DB_URL", url);
      env.put("INCIDENT_ONCALL_CONFIG", oncall.toString());
      env.put("INCIDENT_ESCALATION_TICK", "100ms");
      Vertx vertx = Vertx.vertx();
      try {
        final long total = n;
        long t0 = System.nanoTime();
        vertx.deployVerticle(new IncidentVerticle(IncidentConfig.from(Settings.of(env)))).await();
        long started = System.nanoTime();
        long[] first = {0};
        long[] firstCount = {0};
        CpuMeter.Reading[] cpuAtFirst = {null};
        long applied;
        try (Admin admin =
            Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
          applied =
              waitFor(
                  () -> {
                    long done = committed(admin);
                    if (done > 0 && first[0] == 0) {
                      first[0] = System.nanoTime();
                      firstCount[0] = done;
                      cpuAtFirst[0] = CpuMeter.read(url);
                    }
                    return done >= total;
                  });
        }
        CpuMeter.Reading cpuApplied = CpuMeter.read(url);
        long paged = escalation ? waitFor(() -> published(url) >= total) : applied;
        long incidents = count(url, "SELECT COUNT(*) FROM incident");
        double applySeconds = (applied - started) / 1e9;
        double pageSeconds = (paged - started) / 1e9;
        // From the first committed poll on: what the write path sustains once the consumer has
        // joined its group and been assigned partitions (the whole-run figure includes that).
        double steady = (n - firstCount[0]) / Math.max(1e-9, (applied - first[0]) / 1e9);
        String row =
            String.format(
                "| %s | %s | %s | %d | %d | %.2f | %.0f | %.0f | %.2f | %.0f | %.2f |%n",
                Instant.now().toString().substring(0, 19) + "Z",
                machine.summary(),
                (url.startsWith("jdbc:h2") ? "H2 (embedded)" : "PostgreSQL")
                    + (escalation ? ", escalation on" : ", escalation off"),
                n,
                incidents,
                applySeconds,
                n / applySeconds,
                steady,
                pageSeconds,
                n / pageSeconds,
                (started - t0) / 1e9);
        System.out.println(HEADER + row);
        double events = n - firstCount[0];
        if (events <= 0) {
          return;
        }
        double jvmMicros = (cpuApplied.jvm() - cpuAtFirst[0].jvm()) / events * 1e6;
        double dbMicros = (cpuApplied.database() - cpuAtFirst[0].database()) / events * 1e6;
        System.out.printf(
            "CPU per event after the first commit: JVM (service, broker, harness) %.0f µs,"
                + " PostgreSQL backends %.0f µs: %.0f events/s per core fully used%n",
            jvmMicros, dbMicros, 1e6 / (jvmMicros + dbMicros));
      } finally {
        vertx.close().await();
      }
    }
  }

  /** The table header of the rows this harness appends to docs/benchmarks.md. */
  public static final String HEADER =
      "| at | machine | database | alerts | incidents | applied in s | events/s | events/s after"
          + " first commit | paged in s | pages/s | service start s |\n"
          + "|---|---|---|---|---|---|---|---|---|---|---|\n";

  private static String database(String db) throws Exception {
    if (db.equals("h2")) {
      return "jdbc:h2:mem:bench-"
          + UUID.randomUUID()
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }
    String schema = "bench_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(db, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return db + "?currentSchema=" + schema + "&ApplicationName=" + CpuMeter.APPLICATION;
  }

  private static void produce(String bootstrap, int n) throws Exception {
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(Topics.ALERTS, 3, (short) 1))).all().get();
    }
    Instant at = Instant.now();
    try (KafkaProducer<String, String> p =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap, "linger.ms", "5", "acks", "all"),
            new StringSerializer(),
            new StringSerializer())) {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Alert a =
            new Alert(
                AlertStatus.FIRING,
                Labels.of("alertname", "BenchBurst", "instance", "i" + i, "severity", "critical"),
                Map.of("summary", "burst alert " + i),
                at,
                null,
                "");
        sent.add(
            p.send(new ProducerRecord<>(Topics.ALERTS, a.fingerprint(), AlertCodec.encode(a))));
      }
      for (Future<?> f : sent) {
        f.get();
      }
    }
  }

  private interface Check {
    boolean done() throws Exception;
  }

  private static long waitFor(Check check) throws Exception {
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (!check.done()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the burst did not finish within 10 minutes");
      }
      Thread.sleep(20);
    }
    return System.nanoTime();
  }

  private static long committed(Admin admin) throws Exception {
    return admin
        .listConsumerGroupOffsets("incident-service")
        .partitionsToOffsetAndMetadata()
        .get()
        .values()
        .stream()
        .mapToLong(OffsetAndMetadata::offset)
        .sum();
  }

  private static long published(String url) throws Exception {
    return count(url, "SELECT COUNT(*) FROM page WHERE published_at IS NOT NULL");
  }

  private static long count(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
