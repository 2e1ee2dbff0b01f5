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

/** The four services of the suite, each built from the same {@link Settings} as its own Main. */
public enum Service {
  INGEST("metrics-ingest") {
    @Override
    Running create(Settings s) {
      IngestVerticle v = new IngestVerticle(IngestConfig.from(s));
      return new Running(v, v::httpPort);
    }
  },
  RULES("rule-engine") {
    @Override
    Running create(Settings s) {
      RuleEngineVerticle v = new RuleEngineVerticle(RuleEngineConfig.from(s));
      return new Running(v, v::httpPort);
    }
  },
  NOTIFIER("notifier") {
    @Override
    Running create(Settings s) {
      NotifierVerticle v = new NotifierVerticle(NotifierConfig.from(s));
      return new Running(v, v::httpPort);
    }
  },
  INCIDENTS("incident-service") {
    @Override
    Running create(Settings s) {
      IncidentVerticle v = new IncidentVerticle(IncidentConfig.from(s));
      return new Running(v, v::httpPort);
    }
  };

  private final String displayName;

  Service(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }

  /** Builds the verticle; config errors surface here, before anything is deployed. */
  abstract Running create(Settings settings);

  /** A built verticle and how to ask it for the port it listens on. */
  record Running(VerticleBase verticle, java.util.function.IntSupplier port) {}
}
