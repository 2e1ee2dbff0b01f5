package dev.alerting.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.notify.config.ConfigError;
import dev.alerting.notify.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** http_config is applied to the requests, and what we cannot apply stops the config load. */
@DisplayName("http_config per integration")
class HttpConfigTest {
  private static Vertx vertx;
  private static CaptureServer plain;
  private static HttpServer tls;
  private static HttpServer redirecting;
  private static HttpServer proxy;
  private static final List<String> PROXIED = new CopyOnWriteArrayList<>();
  private static final List<String> REDIRECTED = new CopyOnWriteArrayList<>();
  private static Path certFile;
  private static Channels channels;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    channels = TestChannels.of(vertx);
    plain = CaptureServer.start(vertx);
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    certFile = Files.copy(Path.of(cert.certificatePath()), dir.resolve("ca.pem"));
    tls =
        vertx
            .createHttpServer(
                new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()))
            .requestHandler(r -> r.response().setStatusCode(200).end())
            .listen(0, "127.0.0.1")
            .await();
    redirecting =
        vertx
            .createHttpServer()
            .requestHandler(
                r -> {
                  REDIRECTED.add(r.path());
                  if (r.path().equals("/start")) {
                    r.response().setStatusCode(307).putHeader("Location", "/final").end();
                  } else {
                    r.response().setStatusCode(200).end();
                  }
                })
            .listen(0, "127.0.0.1")
            .await();
    proxy =
        vertx
            .createHttpServer()
            .requestHandler(
                r -> {
                  PROXIED.add(r.uri());
                  r.response().setStatusCode(200).end();
                })
            .listen(0, "127.0.0.1")
            .await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @BeforeEach
  void reset() {
    plain.reset();
    PROXIED.clear();
    REDIRECTED.clear();
  }

  private static Integration webhook(String url, String httpConfig) {
    String yaml =
        """
        route: {receiver: r}
        receivers:
        - name: r
          webhook_configs:
          - url: '%s'
            http_config: %s
        """
            .formatted(url, httpConfig);
    return ConfigLoader.parse(yaml).receiver("r").integrations().get(0);
  }

  private static Outcome send(Integration i) {
    Alert a =
        new Alert(
            AlertStatus.FIRING, Labels.of("alertname", "A"), Map.of(), Instant.EPOCH, null, "");
    return i.notifier(channels)
        .attempt(new Notification("r", "{}:{}", Labels.empty(), List.of(a)))
        .await();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "basic_auth | {basic_auth: {username: u, password: p}} | Basic dTpw",
        "authorization, default type | {authorization: {credentials: tok}} | Bearer tok",
        "authorization with a type | {authorization: {type: Token, credentials: tok}} | Token tok",
        "bearer_token | {bearer_token: tok} | Bearer tok"
      })
  @DisplayName("each way to authenticate sets the Authorization header")
  void auth(String name, String httpConfig, String header) {
    assertThat(send(webhook(plain.url("/auth"), httpConfig)).kind())
        .isEqualTo(Outcome.Kind.DELIVERED);
    assertThat(plain.requests().get(0).headers().get("Authorization")).isEqualTo(header);
  }

  @Test
  @DisplayName("secrets can come from files: password_file and credentials_file")
  void secretFiles(@TempDir Path dir) throws Exception {
    Path pw = Files.writeString(dir.resolve("pw"), "p\n");
    send(webhook(plain.url("/f"), "{basic_auth: {username: u, password_file: '" + pw + "'}}"));
    send(webhook(plain.url("/f"), "{authorization: {credentials_file: '" + pw + "'}}"));
    assertThat(plain.requests())
        .extracting(r -> r.headers().get("Authorization"))
        .containsExactly("Basic dTpw", "Bearer p");
  }

  @Test
  @DisplayName(
      "tls_config: a private CA is trusted with ca_file, or skipped with insecure_skip_verify")
  void tls() {
    String url = "https://localhost:" + tls.actualPort() + "/x";
    assertThat(send(webhook(url, "{}")).kind()).isEqualTo(Outcome.Kind.RETRYABLE);
    assertThat(send(webhook(url, "{tls_config: {ca_file: '" + certFile + "'}}")).kind())
        .isEqualTo(Outcome.Kind.DELIVERED);
    assertThat(send(webhook(url, "{tls_config: {insecure_skip_verify: true}}")).kind())
        .isEqualTo(Outcome.Kind.DELIVERED);
  }

  @Test
  @DisplayName("proxy_url sends the request through the proxy")
  void proxy() {
    Integration i =
        webhook(
            "http://receiver.invalid:9/hook",
            "{proxy_url: 'http://127.0.0.1:" + proxy.actualPort() + "'}");
    assertThat(send(i).kind()).isEqualTo(Outcome.Kind.DELIVERED);
    assertThat(PROXIED).containsExactly("http://receiver.invalid:9/hook");
  }

  @Test
  @DisplayName("redirects are followed by default and not with follow_redirects: false")
  void redirects() {
    String url = "http://127.0.0.1:" + redirecting.actualPort() + "/start";
    assertThat(send(webhook(url, "{}")).kind()).isEqualTo(Outcome.Kind.DELIVERED);
    assertThat(REDIRECTED).containsExactly("/start", "/final");
    REDIRECTED.clear();
    Outcome o = send(webhook(url, "{follow_redirects: false}"));
    assertThat(o.kind()).isEqualTo(Outcome.Kind.PERMANENT);
    assertThat(o.detail()).startsWith("HTTP 307");
    assertThat(REDIRECTED).containsExactly("/start");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{oauth2: {client_id: x}} | receivers[0].webhook_configs[0].http_config.oauth2",
        "{proxy_connect_header: {a: [b]}} | receivers[0].webhook_configs[0].http_config.proxy_connect_header",
        "{tls_config: {server_name: x}} | receivers[0].webhook_configs[0].http_config.tls_config.server_name",
        "{no_proxy: x} | receivers[0].webhook_configs[0].http_config.no_proxy",
        "{basic_auth: {username: u, password: p}, bearer_token: t} | receivers[0].webhook_configs[0].http_config.bearer_token",
        "{proxy_url: 'socks5://127.0.0.1:1080'} | receivers[0].webhook_configs[0].http_config"
      })
  @DisplayName("an option we cannot apply stops the load, naming it")
  void unsupported(String httpConfig, String path) {
    assertThatThrownBy(() -> webhook("http://x/", httpConfig))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith(path);
  }
}
