package dev.alerting.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A blocking HTTP client for one ingest instance, for tests. */
final class PushClient implements AutoCloseable {
  private final Vertx vertx;
  private final WebClient client;

  PushClient(Vertx vertx, int port) {
    this.vertx = vertx;
    client =
        WebClient.create(
            vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port));
  }

  HttpResponse<Buffer> push(String body) {
    return push("application/json", body);
  }

  HttpResponse<Buffer> push(String contentType, String body) {
    return client
        .post("/api/v1/samples")
        .putHeader("Content-Type", contentType)
        .sendBuffer(Buffer.buffer(body))
        .await();
  }

  /**
   * Pushes {@code body} as JSON without a Content-Length (chunked transfer), in network chunks of
   * {@code chunk} bytes.
   */
  HttpResponse<Buffer> pushChunked(String body, int chunk) {
    try {
      Path file = Files.createTempFile("push-", ".json");
      try {
        Files.writeString(file, body);
        AsyncFile stream =
            vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true)).await();
        stream.setReadBufferSize(chunk);
        return client
            .post("/api/v1/samples")
            .putHeader("Content-Type", "application/json")
            .sendStream(stream)
            .await();
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HttpResponse<Buffer> get(String path) {
    return client.get(path).send().await();
  }

  /**
   * The value of one series in a Prometheus scrape, 0 when absent; {@code series} is name{tags}.
   */
  double metric(String name, String... tags) {
    String scrape = get("/metrics").bodyAsString();
    outer:
    for (String line : scrape.split("\n")) {
      if (!line.startsWith(name + "{")) {
        continue;
      }
      for (int i = 0; i < tags.length; i += 2) {
        if (!line.contains(tags[i] + "=\"" + tags[i + 1] + "\"")) {
          continue outer;
        }
      }
      Matcher m = Pattern.compile("} (\\S+)$").matcher(line);
      if (m.find()) {
        return Double.parseDouble(m.group(1));
      }
    }
    return 0;
  }

  @Override
  public void close() {
    client.close();
  }
}
