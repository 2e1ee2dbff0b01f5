package dev.alerting.launcher.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.alerting.platform.codec.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kustomize manifests in deploy/kubernetes: parsed, with the fields a cluster needs, probes on
 * the health paths, images of modules that have a Dockerfile, and environment keys that the
 * service's configuration really reads. {@code kubectl kustomize} renders the overlay where kubectl
 * is installed.
 */
class KubernetesManifestsTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path BASE = REPO.resolve("deploy/kubernetes/base");

  /** The default ports of ARCHITECTURE.md's contract table. */
  private static final Map<String, Integer> PORTS =
      Map.of(
          "metrics-ingest", 8080,
          "rule-engine", 8081,
          "notifier", 8082,
          "incident-service", 8083,
          "console", 8084);

  private static final List<JsonNode> docs = new ArrayList<>();

  @BeforeAll
  static void parse() throws IOException {
    try (Stream<Path> files = Files.list(BASE)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        try (MappingIterator<JsonNode> it =
            Json.YAML.readerFor(JsonNode.class).readValues(f.toFile())) {
          while (it.hasNext()) {
            JsonNode d = it.next();
            if (d != null && !d.isNull() && !d.isEmpty()) {
              docs.add(d);
            }
          }
        }
      }
    }
  }

  private static List<JsonNode> kind(String kind) {
    return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
  }

  @Test
  @DisplayName("there is one Deployment and one Service per service, each with its default port")
  void deploymentsAndServices() {
    Set<String> deployments = new HashSet<>();
    for (JsonNode d : kind("Deployment")) {
      String name = d.path("metadata").path("name").asText();
      deployments.add(name);
      JsonNode c = d.path("spec").path("template").path("spec").path("containers").get(0);
      assertThat(c.path("ports").get(0).path("containerPort").asInt())
          .as(name)
          .isEqualTo(PORTS.get(name));
      assertThat(d.path("spec").path("replicas").asInt()).as(name).isPositive();
      JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
      d.path("spec")
          .path("selector")
          .path("matchLabels")
          .fields()
          .forEachRemaining(
              e ->
                  assertThat(labels.path(e.getKey()))
                      .as(name + " selector")
                      .isEqualTo(e.getValue()));
    }
    assertThat(deployments).isEqualTo(PORTS.keySet());
    assertThat(kind("Service"))
        .extracting(s -> s.path("metadata").path("name").asText())
        .containsExactlyInAnyOrderElementsOf(PORTS.keySet());
  }

  @Test
  @DisplayName(
      "probes point at /health/live and /health/ready on the http port, and resources are set")
  void probesAndResources() {
    for (JsonNode d : kind("Deployment")) {
      JsonNode c = d.path("spec").path("template").path("spec").path("containers").get(0);
      assertThat(c.path("livenessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/health/live");
      assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/health/ready");
      assertThat(c.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("http");
      assertThat(c.path("resources").path("requests").path("memory").asText()).isNotBlank();
      assertThat(c.path("resources").path("limits").path("memory").asText()).isNotBlank();
    }
  }

  @Test
  @DisplayName("the rule engine runs as one instance that never overlaps another")
  void ruleEngineSingleInstance() {
    JsonNode rules =
        kind("Deployment").stream()
            .filter(d -> d.path("metadata").path("name").asText().equals("rule-engine"))
            .findFirst()
            .orElseThrow();
    assertThat(rules.path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(rules.path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");
  }

  @Test
  @DisplayName(
      "the incident service runs as two overlapping instances with a disruption budget"
          + " (IncidentScaleOutIT proves several instances keep one incident per group)")
  void incidentServiceScaledOut() {
    JsonNode incidents =
        kind("Deployment").stream()
            .filter(d -> d.path("metadata").path("name").asText().equals("incident-service"))
            .findFirst()
            .orElseThrow();
    assertThat(incidents.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(incidents.path("spec").path("strategy").path("type").asText())
        .isEqualTo("RollingUpdate");
    assertThat(kind("PodDisruptionBudget"))
        .extracting(
            p ->
                p.path("spec")
                    .path("selector")
                    .path("matchLabels")
                    .path("app.kubernetes.io/name")
                    .asText())
        .contains("incident-service");
  }

  @Test
  @DisplayName("images name a module with a Dockerfile")
  void images() {
    for (JsonNode d : kind("Deployment")) {
      String name = d.path("metadata").path("name").asText();
      String image =
          d.path("spec")
              .path("template")
              .path("spec")
              .path("containers")
              .get(0)
              .path("image")
              .asText();
      assertThat(image).startsWith("alerting/" + name + ":");
      assertThat(REPO.resolve(name).resolve("Dockerfile")).exists();
    }
  }

  @Test
  @DisplayName("every environment key a manifest sets is a key the service's configuration reads")
  void envKeysAreConfigKeys() throws Exception {
    JsonNode kustomization = Json.YAML.readTree(BASE.resolve("kustomization.yaml").toFile());
    Set<String> shared = new HashSet<>();
    for (JsonNode gen : kustomization.path("configMapGenerator")) {
      for (JsonNode lit : gen.path("literals")) {
        shared.add(lit.asText().split("=", 2)[0]);
      }
    }
    JsonNode overlay =
        Json.YAML.readTree(
            REPO.resolve("deploy/kubernetes/overlays/example/kustomization.yaml").toFile());
    for (JsonNode gen : overlay.path("secretGenerator")) {
      for (JsonNode lit : gen.path("literals")) {
        shared.add(lit.asText().split("=", 2)[0]);
      }
    }
    String platform = sources(REPO.resolve("platform/src/main"));
    for (JsonNode d : kind("Deployment")) {
      String name = d.path("metadata").path("name").asText();
      String known = sources(REPO.resolve(name).resolve("src/main")) + platform;
      Set<String> keys = new HashSet<>();
      d.path("spec")
          .path("template")
          .path("spec")
          .path("containers")
          .get(0)
          .path("env")
          .forEach(e -> keys.add(e.path("name").asText()));
      for (String k : keys) {
        assertThat(known).as(name + " reads " + k).contains("\"" + k + "\"");
      }
      for (String k : shared) {
        assertThat(
                known
                    + sources(REPO.resolve("incident-service/src/main"))
                    + sources(REPO.resolve("metrics-ingest/src/main")))
            .as("some service reads " + k)
            .containsAnyOf("\"" + k + "\"", "${" + k);
      }
    }
  }

  @Test
  @DisplayName("the rules, routing and on-call files in the ConfigMap are the files of deploy/")
  void configFilesMatch() throws IOException {
    for (String f : List.of("rules.yml", "alertmanager.yml", "oncall.yml")) {
      assertThat(Files.readString(BASE.resolve("files").resolve(f)))
          .isEqualTo(Files.readString(REPO.resolve("deploy").resolve(f)));
    }
  }

  @Test
  @DisplayName("each PodDisruptionBudget selects a Deployment with more than one replica")
  void disruptionBudgets() {
    assertThat(kind("PodDisruptionBudget")).isNotEmpty();
    for (JsonNode pdb : kind("PodDisruptionBudget")) {
      String app =
          pdb.path("spec")
              .path("selector")
              .path("matchLabels")
              .path("app.kubernetes.io/name")
              .asText();
      JsonNode d =
          kind("Deployment").stream()
              .filter(x -> x.path("metadata").path("name").asText().equals(app))
              .findFirst()
              .orElseThrow();
      assertThat(d.path("spec").path("replicas").asInt())
          .as(app)
          .isGreaterThan(pdb.path("spec").path("minAvailable").asInt());
    }
  }

  @Test
  @DisplayName("kubectl kustomize renders the example overlay (where kubectl is installed)")
  void overlayRenders() throws Exception {
    Path kubectl =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .map(p -> Path.of(p, "kubectl"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    assumeTrue(kubectl != null, "kubectl is not on the PATH");
    Process p =
        new ProcessBuilder(
                kubectl.toString(),
                "kustomize",
                REPO.resolve("deploy/kubernetes/overlays/example").toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("namespace: alerting", "image: alerting/rule-engine:0.1.0", "kind: Secret");
  }

  private static String sources(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        sb.append(Files.readString(f, StandardCharsets.ISO_8859_1));
      }
    }
    return sb.toString();
  }
}
