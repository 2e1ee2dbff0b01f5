package dev.alerting.launcher.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.platform.config.Settings;
import dev.alerting.platform.http.AccessTokens;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml as far as this machine allows without Docker Compose: parsed with its merge
 * keys resolved (SnakeYAML, as Compose does), every service with an image or a build, a memory
 * limit and a healthcheck; every environment key of a suite service is one its configuration reads;
 * every bind mount names a path of the repository, and every file a service is pointed at (rules,
 * routing, on-call) exists behind its mount.
 */
class ComposeFileTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  /** The suite's services, by the module whose configuration reads their environment. */
  private static final List<String> SUITE =
      List.of("metrics-ingest", "rule-engine", "notifier", "incident-service");

  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void parse() throws IOException {
    try (Reader r = Files.newBufferedReader(REPO.resolve("docker-compose.yml"))) {
      Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
      services = (Map<String, Map<String, Object>>) doc.get("services");
    }
  }

  @Test
  @DisplayName("every service has an image or a build, a memory limit and a healthcheck")
  void servicesComplete() {
    assertThat(services)
        .containsKeys("kafka", "postgres", "prometheus", "grafana")
        .containsKeys(SUITE.toArray(String[]::new));
    services.forEach(
        (name, s) -> {
          assertThat(s.containsKey("image") || s.containsKey("build")).as(name).isTrue();
          assertThat(s).as(name).containsKey("mem_limit");
          if (!"no".equals(s.get("restart"))) { // one-shot jobs exit: no health to check
            assertThat(s).as(name).containsKey("healthcheck");
          }
        });
  }

  @Test
  @DisplayName("every environment key of a suite service is a key its configuration reads")
  void envKeysAreConfigKeys() throws IOException {
    String platform = sources(REPO.resolve("platform/src/main"));
    for (String name : SUITE) {
      String known = sources(REPO.resolve(name).resolve("src/main")) + platform;
      for (String key : env(name).keySet()) {
        // KEY_FILE is read through AccessTokens.from(settings, KEY) for the token keys
        boolean derived =
            key.endsWith("_AUTH_TOKENS_FILE")
                && known.contains("\"" + key.substring(0, key.length() - 5) + "\"")
                && known.contains("AccessTokens.from(");
        if (!derived) {
          assertThat(known).as(name + " reads " + key).contains("\"" + key + "\"");
        }
      }
    }
  }

  @Test
  @DisplayName(
      "bind mounts name repository paths, and the rules, routing and on-call files exist behind them")
  void mountedFilesExist() {
    services.forEach(
        (name, s) -> {
          for (Object v : volumes(s)) {
            String[] parts = v.toString().split(":");
            if (parts[0].startsWith("./")) {
              assertThat(REPO.resolve(parts[0])).as(name + " mounts " + parts[0]).exists();
            }
          }
        });
    Map<String, String> files =
        Map.of(
            "rule-engine", "RULES_FILE",
            "notifier", "NOTIFIER_CONFIG",
            "incident-service", "INCIDENT_ONCALL_CONFIG");
    files.forEach(
        (name, key) -> {
          String inContainer = String.valueOf(env(name).get(key));
          assertThat(inContainer).as(name + " sets " + key).startsWith("/");
          assertThat(hostPath(name, inContainer)).as(name + " " + key).isRegularFile();
        });
  }

  @Test
  @DisplayName(
      "the incident service is given deploy/oncall.yml, the on-call file ./alerting up uses")
  void incidentServiceGetsOnCallFile() {
    assertThat(hostPath("incident-service", env("incident-service").get("INCIDENT_ONCALL_CONFIG")))
        .isEqualTo(REPO.resolve("deploy/oncall.yml"));
  }

  @Test
  @DisplayName(
      "the console reads only its own keys and reaches each service by its Compose name and port")
  void consoleReachesServices() throws IOException {
    String known =
        sources(REPO.resolve("console/src/main")) + sources(REPO.resolve("platform/src/main"));
    Map<String, Object> env = env("console");
    for (String key : env.keySet()) {
      assertThat(known).as("console reads " + key).contains("\"" + key + "\"");
    }
    Map<String, String> urls =
        Map.of(
            "CONSOLE_INGEST_URL", "metrics-ingest",
            "CONSOLE_RULES_URL", "rule-engine",
            "CONSOLE_NOTIFIER_URL", "notifier",
            "CONSOLE_INCIDENTS_URL", "incident-service");
    urls.forEach(
        (key, service) -> {
          @SuppressWarnings("unchecked")
          List<Object> ports = (List<Object>) services.get(service).get("ports");
          String port = ports.get(0).toString().split(":")[1];
          assertThat(env.get(key)).as(key).hasToString("http://" + service + ":" + port);
        });
  }

  @Test
  @DisplayName("Prometheus scrapes each suite service by its Compose name and port")
  void prometheusTargets() throws IOException {
    String scrape =
        Files.readString(REPO.resolve("deploy/monitoring/prometheus.yml"), StandardCharsets.UTF_8);
    for (String name : SUITE) {
      @SuppressWarnings("unchecked")
      List<Object> ports = (List<Object>) services.get(name).get("ports");
      String port = ports.get(0).toString().split(":")[1];
      assertThat(scrape).contains("\"" + name + ":" + port + "\"");
    }
  }

  @Test
  @DisplayName(
      "authentication is on: the tokens job's files (run here with bash) are the tokens every"
          + " suite service reads")
  void authenticationOnByDefault(@TempDir Path dir) throws Exception {
    Map<String, Object> tokens = services.get("tokens");
    @SuppressWarnings("unchecked")
    String script =
        ((List<String>) tokens.get("command"))
            .get(0)
            .replace("$$", "$") // Compose's escape for a literal $
            .replace("/tokens/", dir + "/");
    Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();

    String mount = "alerting-tokens:/run/alerting/tokens:ro";
    Map<String, String> keys =
        Map.of(
            "metrics-ingest", "INGEST_AUTH_TOKENS_FILE",
            "rule-engine", "RULES_AUTH_TOKENS_FILE",
            "notifier", "NOTIFIER_AUTH_TOKENS_FILE",
            "incident-service", "INCIDENT_AUTH_TOKENS_FILE");
    for (String name : SUITE) {
      assertThat(volumes(services.get(name))).as(name).contains(mount);
      assertThat(String.valueOf(env(name).get(keys.get(name))))
          .as(name)
          .startsWith("/run/alerting/tokens/");
      @SuppressWarnings("unchecked")
      Map<String, Object> deps = (Map<String, Object>) services.get(name).get("depends_on");
      assertThat(deps).as(name).containsKey("tokens");
    }
    Path api = dir.resolve(fileName(env("notifier").get("NOTIFIER_AUTH_TOKENS_FILE")));
    AccessTokens parsed = AccessTokens.from(Settings.of(Map.of("K_FILE", api.toString())), "K");
    List<String> lines = Files.readAllLines(api);
    assertThat(lines).hasSize(2);
    assertThat(parsed.roleOf("Bearer " + lines.get(0).substring("admin:".length())))
        .isEqualTo(AccessTokens.Role.ADMIN);
    assertThat(parsed.roleOf("Bearer " + lines.get(1).substring("write:".length())))
        .isEqualTo(AccessTokens.Role.WRITE);
    Path push = dir.resolve(fileName(env("metrics-ingest").get("INGEST_AUTH_TOKENS_FILE")));
    assertThat(Files.readString(push).trim()).hasSizeGreaterThanOrEqualTo(16);
  }

  private static String fileName(Object path) {
    return Path.of(String.valueOf(path)).getFileName().toString();
  }

  /** The host file behind {@code inContainer}, through the service's bind mounts; null if none. */
  private static Path hostPath(String service, Object inContainer) {
    String path = String.valueOf(inContainer);
    for (Object v : volumes(services.get(service))) {
      String[] parts = v.toString().split(":");
      if (parts[0].startsWith("./") && path.startsWith(parts[1] + "/")) {
        return REPO.resolve(parts[0]).resolve(path.substring(parts[1].length() + 1)).normalize();
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> env(String service) {
    return (Map<String, Object>) services.get(service).getOrDefault("environment", Map.of());
  }

  @SuppressWarnings("unchecked")
  private static List<Object> volumes(Map<String, Object> service) {
    return (List<Object>) service.getOrDefault("volumes", List.of());
  }

  private static String sources(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        sb.append(Files.readString(f, StandardCharsets.ISO_8859_1));
      }
    }
    return sb.toString();
  }
}
