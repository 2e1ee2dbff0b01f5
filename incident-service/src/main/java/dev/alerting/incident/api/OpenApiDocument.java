package dev.alerting.incident.api;

import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of this service's API, the same document
 * the tests validate every answer against.
 */
public final class OpenApiDocument {
  /** Where the document is on the classpath. */
  public static final String RESOURCE = "openapi/incident-service.json";

  private final String json;

  public OpenApiDocument() {
    this.json = load();
  }

  public void mount(Router router) {
    router
        .get("/openapi.json")
        .handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(json));
  }

  /** The document's text. */
  public static String load() {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
