package dev.alerting.platform.trace;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Whether this process exports traces, from the standard OpenTelemetry variables. Off unless an
 * exporter ({@code OTEL_TRACES_EXPORTER}, not {@code none}) or an OTLP endpoint ({@code
 * OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) is named; {@code
 * OTEL_SDK_DISABLED=true} wins over both. Off means the no-op tracer: no span is recorded and no
 * header written. (The SDK's own default would export to localhost:4317 and warn on every batch.)
 */
public record TraceSwitch(boolean on, String reason) {
  public static final String SDK_DISABLED = "OTEL_SDK_DISABLED";
  public static final String TRACES_EXPORTER = "OTEL_TRACES_EXPORTER";
  public static final String OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  public static final String OTLP_TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";

  public TraceSwitch {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a trace switch says why it is on or off");
    }
  }

  /**
   * The decision for this process: environment variables, overridden by {@code otel.*} system
   * properties.
   */
  public static TraceSwitch fromEnvironment() {
    Map<String, String> vars = new HashMap<>(System.getenv());
    System.getProperties()
        .forEach(
            (k, v) -> {
              String key = k.toString();
              if (key.startsWith("otel.")) {
                vars.put(
                    key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), v.toString());
              }
            });
    return of(vars);
  }

  /** The decision for the given {@code OTEL_*} variables. */
  public static TraceSwitch of(Map<String, String> vars) {
    if ("true".equalsIgnoreCase(value(vars, SDK_DISABLED))) {
      return new TraceSwitch(false, SDK_DISABLED + "=true");
    }
    String exporter = value(vars, TRACES_EXPORTER);
    if (exporter != null) {
      return "none".equalsIgnoreCase(exporter)
          ? new TraceSwitch(false, TRACES_EXPORTER + "=none")
          : new TraceSwitch(true, TRACES_EXPORTER + "=" + exporter);
    }
    for (String endpoint : new String[] {OTLP_TRACES_ENDPOINT, OTLP_ENDPOINT}) {
      if (value(vars, endpoint) != null) {
        return new TraceSwitch(true, endpoint + " is set");
      }
    }
    return new TraceSwitch(
        false, "neither " + TRACES_EXPORTER + " nor " + OTLP_ENDPOINT + " is set");
  }

  private static String value(Map<String, String> vars, String key) {
    String v = vars.get(key);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
