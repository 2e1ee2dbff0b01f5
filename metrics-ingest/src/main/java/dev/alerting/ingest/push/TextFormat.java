package dev.alerting.ingest.push;

import dev.alerting.ingest.exposition.TextParser;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus text exposition format, {@code POST /api/v1/import/prometheus} (VictoriaMetrics's
 * path): labels given as {@code extra_label=name=value} parameters are set on every sample,
 * replacing the body's. Answers 204.
 */
final class TextFormat implements PushFormat {
  static final String PATH = "/api/v1/import/prometheus";

  private final TextParser parser;

  TextFormat(TextParser parser) {
    this.parser = parser;
  }

  @Override
  public String name() {
    return "text";
  }

  @Override
  public BodyParser prepare(RoutingContext ctx) {
    refuseProtobuf(ctx.request().getHeader("Content-Type"));
    Map<String, String> extra = extraLabels(ctx.queryParam("extra_label"));
    return (body, now) -> parser.parse(body, extra, now);
  }

  static void refuseProtobuf(String contentType) {
    if (MediaType.isProtobuf(contentType)) {
      throw new Refusal(
          Outcome.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported media type",
          "only the text exposition format 0.0.4 is read, got "
              + contentType
              + "; Go clients: push with expfmt text format");
    }
  }

  private static Map<String, String> extraLabels(List<String> params) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String p : params) {
      int eq = p.indexOf('=');
      String name = eq < 0 ? p : p.substring(0, eq);
      if (eq <= 0 || !dev.alerting.model.Labels.isValidLabelName(name) || name.startsWith("__")) {
        throw new Refusal(
            Outcome.MALFORMED,
            "Malformed extra_label",
            "extra_label must be name=value with a name matching [a-zA-Z_][a-zA-Z0-9_]* (not starting with __), got \""
                + p
                + "\"");
      }
      labels.put(name, p.substring(eq + 1));
    }
    return labels;
  }
}
