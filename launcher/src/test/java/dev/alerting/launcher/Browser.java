package dev.alerting.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.platform.codec.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A headless Chromium driven over W3C WebDriver (the {@code chromedriver} HTTP protocol) with the
 * JDK's HTTP client: no Selenium, no new dependency. {@link #start} answers empty where Chromium or
 * chromedriver is not installed (Debian packages {@code chromium chromium-driver}; {@code
 * CHROMIUM_BINARY} and {@code CHROMEDRIVER} name others).
 */
final class Browser implements AutoCloseable {
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** The Enter key, as WebDriver spells keys in typed text. */
  static final String ENTER = "\uE007";

  private final Process driver;
  private final String session;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Browser(Process driver, String base) {
    this.driver = driver;
    this.session = base;
  }

  /** The chromium binary and chromedriver, when both are installed. */
  static Optional<List<Path>> installed() {
    Path chromium =
        Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/lib/chromium/chromium"));
    Path chromedriver =
        Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    return Files.isExecutable(chromium) && Files.isExecutable(chromedriver)
        ? Optional.of(List.of(chromium, chromedriver))
        : Optional.empty();
  }

  /** Starts chromedriver and one headless browser with a fresh profile under {@code dir}. */
  static Browser start(List<Path> binaries, Path dir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder(binaries.get(1).toString(), "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("chromedriver.log").toFile())
            .start();
    String base = "http://127.0.0.1:" + port;
    Browser probe = new Browser(p, base);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        if (probe.call("GET", base + "/status", null).path("ready").asBoolean()) {
          break;
        }
      } catch (RuntimeException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException("chromedriver did not become ready on port " + port);
      }
      Thread.sleep(100);
    }
    ObjectNode options = Json.MAPPER.createObjectNode().put("binary", binaries.get(0).toString());
    var args = options.putArray("args");
    for (String a :
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,800",
            "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")))) {
      args.add(a);
    }
    ObjectNode caps = Json.MAPPER.createObjectNode();
    caps.putObject("capabilities")
        .putObject("alwaysMatch")
        .put("browserName", "chrome")
        .set("goog:chromeOptions", options);
    String id = probe.call("POST", base + "/session", caps).path("sessionId").asText();
    return new Browser(p, base + "/session/" + id);
  }

  /** Loads {@code url} (waits for the document, not for the page's own calls). */
  void open(String url) {
    call("POST", session + "/url", Json.MAPPER.createObjectNode().put("url", url));
  }

  /** Resizes the window so that the page's viewport is {@code width} x {@code height}. */
  void viewport(int width, int height) {
    rect(width, height);
    JsonNode inner = script("return [window.innerWidth, window.innerHeight]");
    rect(width + width - inner.get(0).asInt(), height + height - inner.get(1).asInt());
  }

  private void rect(int width, int height) {
    call(
        "POST",
        session + "/window/rect",
        Json.MAPPER.createObjectNode().put("width", width).put("height", height));
  }

  /** The first element matching {@code css}, once one exists and its text passes {@code test}. */
  String await(String css, Predicate<String> test, String what) throws InterruptedException {
    return poll(css, test, what)[0];
  }

  /**
   * The text of the first element matching {@code css}, once its text passes {@code test}; read in
   * one go, so a refresh of the page replacing the element in between does not matter.
   */
  String awaitText(String css, Predicate<String> test, String what) throws InterruptedException {
    return poll(css, test, what)[1];
  }

  String awaitText(String css, String what) throws InterruptedException {
    return awaitText(css, t -> true, what);
  }

  private String[] poll(String css, Predicate<String> test, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String last = "(no element " + css + ")";
    while (System.nanoTime() < deadline) {
      Optional<String> el = find(css);
      if (el.isPresent()) {
        try {
          last = text(el.get());
          if (test.test(last)) {
            return new String[] {el.get(), last};
          }
        } catch (IllegalStateException stale) {
          // replaced by a refresh between find and read: look again
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("waited " + WAIT + " for " + what + "; last seen: " + last);
  }

  String await(String css, String what) throws InterruptedException {
    return await(css, t -> true, what);
  }

  Optional<String> find(String css) {
    JsonNode found =
        call(
            "POST",
            session + "/elements",
            Json.MAPPER.createObjectNode().put("using", "css selector").put("value", css));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).path(ELEMENT).asText());
  }

  String text(String element) {
    return call("GET", session + "/element/" + element + "/text", null).asText();
  }

  /**
   * Clicks the first element matching {@code css} once there is one; looks again when a refresh of
   * the page replaced it in between.
   */
  void click(String css, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      String el = await(css, what);
      try {
        click(el);
        return;
      } catch (IllegalStateException stale) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not click " + what + ": " + stale.getMessage());
        }
        Thread.sleep(100);
      }
    }
  }

  void click(String element) {
    call("POST", session + "/element/" + element + "/click", Json.MAPPER.createObjectNode());
  }

  /**
   * Sends {@code keys} to the first element matching {@code css} (focusing it), as a user would.
   */
  void keys(String css, String what, String keys) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        call(
            "POST",
            session + "/element/" + await(css, what) + "/value",
            Json.MAPPER.createObjectNode().put("text", keys));
        return;
      } catch (IllegalStateException stale) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not send keys to " + what + ": " + stale.getMessage());
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * Replaces the content of the first field matching {@code css}; again if a refresh replaced it.
   */
  void type(String css, String what, String text) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        type(await(css, what), text);
        return;
      } catch (IllegalStateException stale) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not type into " + what + ": " + stale.getMessage());
        }
        Thread.sleep(100);
      }
    }
  }

  /** Replaces the field's content with {@code text}. */
  private void type(String element, String text) {
    call("POST", session + "/element/" + element + "/clear", Json.MAPPER.createObjectNode());
    call(
        "POST",
        session + "/element/" + element + "/value",
        Json.MAPPER.createObjectNode().put("text", text));
  }

  /** Runs {@code script} in the page (its {@code arguments} are empty) and answers its result. */
  JsonNode script(String script) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("script", script);
    body.putArray("args");
    return call("POST", session + "/execute/sync", body);
  }

  /** A PNG of the viewport. */
  void screenshot(Path file) throws IOException {
    String png = call("GET", session + "/screenshot", null).asText();
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(png));
  }

  private JsonNode call(String method, String url, JsonNode body) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json");
    req.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString()));
    try {
      HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode value = Json.MAPPER.readTree(r.body()).path("value");
      if (r.statusCode() != 200) {
        String error = value.path("error").asText();
        String message = value.path("message").asText();
        // transient while a live refresh re-renders the page: the callers look the element up again
        // and retry until their deadline (seen in CI: the note field, just after an
        // acknowledgement)
        if (error.equals("stale element reference")
            || error.equals("element not interactable")
            || error.equals("element click intercepted")) {
          throw new IllegalStateException(error + ": " + message);
        }
        throw new AssertionError(method + " " + url + ": " + error + ": " + message);
      }
      return value;
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    try {
      call("DELETE", session, null);
    } catch (RuntimeException | AssertionError e) {
      // the browser may already be gone; the driver is stopped below either way
    } finally {
      driver.destroy();
    }
  }
}
