package dev.alerting.rule.alert;

import dev.alerting.model.Labels;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What every alert of this engine shares: the external labels (added to emitted alerts, as
 * Prometheus adds them when sending, and visible to templates) and the external URL that generator
 * URLs point to.
 */
public record AlertContext(Labels externalLabels, String externalUrl) {
  public static final String DEFAULT_EXTERNAL_URL = "http://localhost:8081";

  public AlertContext {
    externalLabels = Objects.requireNonNullElse(externalLabels, Labels.empty());
    externalUrl = Objects.requireNonNullElse(externalUrl, DEFAULT_EXTERNAL_URL);
    while (externalUrl.endsWith("/")) {
      externalUrl = externalUrl.substring(0, externalUrl.length() - 1);
    }
  }

  public static AlertContext defaults() {
    return new AlertContext(Labels.empty(), DEFAULT_EXTERNAL_URL);
  }

  /** The link back to the expression, as Prometheus builds it from its external URL. */
  public String generatorUrl(String expr) {
    return externalUrl + "/graph?g0.expr=" + URLEncoder.encode(expr, StandardCharsets.UTF_8);
  }

  /** Alert labels plus the external labels the alert does not set itself. */
  public Labels withExternalLabels(Labels alertLabels) {
    return externalLabels.merge(alertLabels);
  }
}
