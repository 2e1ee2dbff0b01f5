package dev.alerting.launcher;

import dev.alerting.incident.IncidentConfig;
import dev.alerting.incident.IncidentVerticle;
import dev.alerting.ingest.IngestConfig;
import dev.alerting.ingest.IngestVerticle;
import dev.alerting.notify.NotifierConfig;
import dev.alerting.notify.NotifierVerticle;
import dev.alerting.platform.config.Settings;
import dev.alerting.rule.RuleEngineConfig;
import dev.alerting.rule.RuleEngineVerticle;
import io.vertx.core.VerticleBase;
import java.util.LinkedHashMap;
import java.util.Map;

/** The four services of the suite, each built from the same {@link Settings} as its own Main. */
public enum Service {
  INGEST("metrics-ingest", "INGEST_HTTP_PORT") {
    @Override
    Running create(Settings s) {
      IngestVerticle v = new IngestVerticle(IngestConfig.from(s));
      return new Running(v, v::httpPort);
    }
  },
  RULES("rule-engine", "RULES_HTTP_PORT") {
    @Override
    Running create(Settings s) {
      RuleEngineVerticle v = new RuleEngineVerticle(RuleEngineConfig.from(s));
      return new Running(v, v::httpPort);
    }
  },
  NOTIFIER("notifier", "NOTIFIER_HTTP_PORT") {
    @Override
    Running create(Settings s) {
      NotifierVerticle v = new NotifierVerticle(NotifierConfig.from(s));
      return new Running(v, v::httpPort);
    }
  },
  INCIDENTS("incident-service", "INCIDENT_HTTP_PORT") {
    @Override
    Running create(Settings s) {
      IncidentVerticle v = new IncidentVerticle(IncidentConfig.from(s));
      return new Running(v, v::httpPort);
    }
  };

  private final String displayName;
  private final String portKey;

  Service(String displayName, String portKey) {
    this.displayName = displayName;
    this.portKey = portKey;
  }

  public String displayName() {
    return displayName;
  }

  /** Settings that put every service on a free port (tests, benchmark runs beside a stack). */
  public static Map<String, String> freePorts() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Service s : values()) {
      m.put(s.portKey, "0");
    }
    return m;
  }

  /** Builds the verticle; config errors surface here, before anything is deployed. */
  abstract Running create(Settings settings);

  /** A built verticle and how to ask it for the port it listens on. */
  record Running(VerticleBase verticle, java.util.function.IntSupplier port) {}
}
