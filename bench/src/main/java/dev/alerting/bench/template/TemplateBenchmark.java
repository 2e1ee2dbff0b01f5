package dev.alerting.bench.template;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.rule.template.Template;
import dev.alerting.rule.template.TemplateData;
import dev.alerting.template.Templates;
import dev.alerting.template.alertmanager.NotificationData;
import dev.alerting.template.alertmanager.NotificationTemplates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Go template engine on the paths that run per notification and per alert evaluation: a
 * notification's data built from a group of five alerts and its Slack title, chat body and email
 * HTML rendered from our defaults; a rule annotation with a label, a pipeline and humanize. Scores
 * in microseconds per operation. See docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class TemplateBenchmark {
  private Templates defaults;
  private List<Alert> alerts;
  private NotificationData data;
  private Template annotation;
  private TemplateData alertData;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    defaults = NotificationTemplates.defaults();
    alerts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      alerts.add(
          new Alert(
              AlertStatus.FIRING,
              Labels.of(
                  "alertname",
                  "HighLatency",
                  "service",
                  "checkout",
                  "severity",
                  "critical",
                  "team",
                  "backend",
                  "instance",
                  "10.0.0." + i + ":9100"),
              Map.of("summary", "p99 above 2s", "runbook_url", "https://runbooks/latency"),
              Instant.parse("2026-01-01T00:00:00Z"),
              null,
              "http://prometheus:9090/graph?g0.expr=latency"));
    }
    data = notificationData();
    annotation =
        Template.parse(
            "{{ $labels.instance }} of {{ $labels.job }} is at {{ $value | humanize }}s", "A");
    alertData =
        new TemplateData(Labels.of("instance", "db-1:9187", "job", "postgres"), 2.3456, null, "");
  }

  /** Building the template data for a group of five alerts. */
  @Benchmark
  public NotificationData notificationData() {
    return NotificationData.of("team-backend", Labels.of("alertname", "HighLatency"), alerts, "");
  }

  @Benchmark
  public String slackTitle() {
    return defaults.render("{{ template \"slack.default.title\" . }}", data);
  }

  @Benchmark
  public String chatBody() {
    return defaults.render("{{ template \"telegram.default.message\" . }}", data);
  }

  @Benchmark
  public String emailHtml() {
    return defaults.executeHtml("email.default.html", data);
  }

  @Benchmark
  public String ruleAnnotation() {
    return annotation.expand(alertData);
  }
}
