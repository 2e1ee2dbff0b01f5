package dev.alerting.launcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.launcher.kafka.ClassReferences.MethodRef;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * vertx-kafka-client 5.0.8 is compiled against kafka-clients 3.7; we run it on 4.3.1. This test
 * reads every Kafka method it links against and resolves each on the kafka-clients we ship, so the
 * broken ones are known by name, and checks that none of our modules calls the Vert.x methods that
 * reach them. {@link VertxKafkaClientIT} runs every method we do call against a real broker.
 */
class VertxKafkaClientLinkageTest {
  /** Kafka 4.0 removed these; vertx-kafka-client still calls them (found by the scan below). */
  private static final Set<String> REMOVED_IN_KAFKA_4 =
      Set.of(
          "org/apache/kafka/clients/consumer/Consumer.committed"
              + "(Lorg/apache/kafka/common/TopicPartition;)Lorg/apache/kafka/clients/consumer/OffsetAndMetadata;",
          "org/apache/kafka/clients/admin/ListConsumerGroupOffsetsOptions.topicPartitions"
              + "(Ljava/util/List;)Lorg/apache/kafka/clients/admin/ListConsumerGroupOffsetsOptions;");

  /** The Vert.x methods whose implementation reaches a removed Kafka method. */
  private static final Predicate<MethodRef> REACHES_REMOVED =
      r ->
          (r.owner().startsWith("io/vertx/kafka/client/consumer/") && r.name().equals("committed"))
              || (r.owner().startsWith("io/vertx/kafka/admin/")
                  && r.name().equals("listConsumerGroupOffsets")
                  && r.descriptor().contains("ListConsumerGroupOffsetsOptions"))
              || (r.owner().equals("io/vertx/kafka/admin/ListConsumerGroupOffsetsOptions")
                  && r.name().equals("topicPartitions"));

  @Test
  @DisplayName(
      "of all Kafka methods vertx-kafka-client links against, exactly two are gone in kafka-clients 4")
  void onlyKnownMethodsAreMissing() throws Exception {
    Set<String> missing = new TreeSet<>();
    for (MethodRef r :
        references(jarOf(KafkaConsumer.class), n -> n.startsWith("io/vertx/kafka"))) {
      if (r.owner().startsWith("org/apache/kafka/") && !resolves(r)) {
        missing.add(r.toString());
      }
    }
    assertThat(missing).containsExactlyInAnyOrderElementsOf(REMOVED_IN_KAFKA_4);
  }

  @Test
  @DisplayName(
      "no module of the suite calls a vertx-kafka-client method that needs a removed Kafka method")
  void ourCodeAvoidsTheBrokenMethods() throws Exception {
    List<MethodRef> ours = new ArrayList<>();
    for (Path p : classpath()) {
      if (p.endsWith("test-classes")) {
        continue; // VertxKafkaClientIT calls committed() on purpose, to show it fails
      }
      ours.addAll(references(p, n -> n.startsWith("dev/alerting/")));
    }
    assertThat(ours)
        .as("our classes are on the classpath")
        .anyMatch(r -> r.owner().equals("io/vertx/kafka/client/consumer/KafkaConsumer"));
    assertThat(ours).filteredOn(REACHES_REMOVED).isEmpty();
  }

  private static boolean resolves(MethodRef r) {
    try {
      ClassLoader cl = VertxKafkaClientLinkageTest.class.getClassLoader();
      Class<?> owner = Class.forName(r.owner().replace('/', '.'), false, cl);
      MethodType type = MethodType.fromMethodDescriptorString(r.descriptor(), cl);
      if (r.name().equals("<init>")) {
        return Arrays.stream(owner.getDeclaredConstructors())
            .anyMatch(c -> Arrays.equals(c.getParameterTypes(), type.parameterArray()));
      }
      Deque<Class<?>> todo = new ArrayDeque<>(List.of(owner));
      while (!todo.isEmpty()) {
        Class<?> c = todo.poll();
        for (Method m : c.getDeclaredMethods()) {
          if (m.getName().equals(r.name())
              && m.getReturnType() == type.returnType()
              && Arrays.equals(m.getParameterTypes(), type.parameterArray())) {
            return true;
          }
        }
        if (c.getSuperclass() != null) {
          todo.add(c.getSuperclass());
        }
        todo.addAll(List.of(c.getInterfaces()));
      }
      return false;
    } catch (ClassNotFoundException | TypeNotPresentException e) {
      return false;
    }
  }

  private static List<Path> classpath() {
    return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(Path::of)
        .toList();
  }

  private static Path jarOf(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Method references of every class under {@code p} (a jar or a classes directory). */
  private static List<MethodRef> references(Path p, Predicate<String> classNames)
      throws IOException {
    List<MethodRef> refs = new ArrayList<>();
    if (Files.isDirectory(p)) {
      try (Stream<Path> files = Files.walk(p)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          if (classNames.test(p.relativize(f).toString().replace('\\', '/'))) {
            try (InputStream in = Files.newInputStream(f)) {
              refs.addAll(ClassReferences.methods(in));
            }
          }
        }
      }
    } else if (p.toString().endsWith(".jar") && Files.exists(p)) {
      try (JarFile jar = new JarFile(p.toFile())) {
        for (var e : jar.stream().toList()) {
          if (e.getName().endsWith(".class")
              && !e.getName().startsWith("META-INF/")
              && classNames.test(e.getName())) {
            try (InputStream in = jar.getInputStream(e)) {
              refs.addAll(ClassReferences.methods(in));
            }
          }
        }
      }
    }
    return refs;
  }
}
