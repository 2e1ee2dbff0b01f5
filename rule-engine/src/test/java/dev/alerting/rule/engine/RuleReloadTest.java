package dev.alerting.rule.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alerting.model.Labels;
import dev.alerting.model.alert.Alert;
import dev.alerting.model.alert.AlertStatus;
import dev.alerting.model.sample.Sample;
import dev.alerting.rule.alert.ActiveAlert;
import dev.alerting.rule.alert.AlertContext;
import dev.alerting.rule.alert.AlertState;
import dev.alerting.rule.expr.PromQLParser;
import dev.alerting.rule.file.RuleFileLoader;
import dev.alerting.rule.group.RuleGroup;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Replacing the rules of a running engine")
class RuleReloadTest {
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  /** Hot fires at once; Slow is pending for 10m. Both read the same series. */
  static final String BASE = file("temp > 50", "", "page", "is hot", "10m", "", "");

  static String file(
      String hotExpr,
      String hotExtra,
      String severity,
      String summary,
      String slowFor,
      String extraRule,
      String extraGroup) {
    return "groups:\n"
        + "- name: g\n"
        + "  rules:\n"
        + "  - alert: Hot\n"
        + "    expr: "
        + hotExpr
        + "\n"
        + hotExtra
        + "    labels:\n"
        + "      severity: "
        + severity
        + "\n"
        + "    annotations:\n"
        + "      summary: \"{{ $labels.room }} "
        + summary
        + "\"\n"
        + "  - alert: Slow\n"
        + "    expr: temp > 50\n"
        + "    for: "
        + slowFor
        + "\n"
        + extraRule
        + extraGroup;
  }

  static List<RuleGroup> parse(String yaml) {
    return new RuleFileLoader(new PromQLParser()).parse(yaml, "r.yml");
  }

  static Sample temp(double v, long atSec) {
    return Sample.of("temp", Labels.of("room", "r1"), v, T0 + atSec * 1000);
  }

  /** An engine with Hot firing and Slow pending since T0, its clock at T0+60s. */
  static RuleEngine running() {
    RuleEngine engine = new RuleEngine(parse(BASE), AlertContext.defaults());
    assertThat(engine.accept(temp(90, 0))).hasSize(1);
    assertThat(engine.accept(temp(91, 60))).isEmpty();
    return engine;
  }

  static ActiveAlert alert(RuleEngine engine, String rule) {
    return engine.alertingRules().stream()
        .filter(s -> s.rule().name().equals(rule))
        .flatMap(s -> s.alerts().stream())
        .findFirst()
        .orElse(null);
  }

  @Test
  @DisplayName(
      "an identical file keeps every alert, emits nothing, and the pending for timer still counts from its start")
  void identicalKeepsState() {
    RuleEngine engine = running();

    Reload r = engine.reload(parse(BASE));

    assertThat(r.kept()).isEqualTo(2);
    assertThat(r.added()).isZero();
    assertThat(r.removed()).isZero();
    assertThat(r.events()).isEmpty();
    assertThat(alert(engine, "Hot").state()).isEqualTo(AlertState.FIRING);
    assertThat(alert(engine, "Slow").activeAt()).isEqualTo(Instant.ofEpochMilli(T0));
    List<Alert> fired = engine.accept(temp(92, 600));
    assertThat(fired)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.name()).isEqualTo("Slow");
              assertThat(a.startsAt()).isEqualTo(Instant.ofEpochMilli(T0));
            });
  }

  static Stream<Arguments> edits() {
    return Stream.of(
        Arguments.of(
            "a new rule is added next to them",
            file(
                "temp > 50",
                "",
                "page",
                "is hot",
                "10m",
                "  - alert: Other\n    expr: other > 1\n",
                "")),
        Arguments.of(
            "only Hot's annotation is reworded",
            file("temp > 50", "", "page", "is too hot", "10m", "", "")),
        Arguments.of(
            "a rule of another group changes",
            file(
                "temp > 50",
                "",
                "page",
                "is hot",
                "10m",
                "",
                "- name: h\n  rules:\n  - alert: Other\n    expr: other > 2\n")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  @DisplayName("unchanged rules keep their alerts when")
  void unchangedRulesKeepState(String name, String yaml) {
    RuleEngine engine = running();

    Reload r = engine.reload(parse(yaml));

    assertThat(r.events()).isEmpty();
    assertThat(r.kept()).isEqualTo(2);
    assertThat(alert(engine, "Hot").state()).isEqualTo(AlertState.FIRING);
    assertThat(alert(engine, "Hot").activeAt()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(alert(engine, "Slow").state()).isEqualTo(AlertState.PENDING);
    assertThat(alert(engine, "Slow").activeAt()).isEqualTo(Instant.ofEpochMilli(T0));
  }

  @Test
  @DisplayName("a removed rule resolves its firing alert at the engine clock, once")
  void removedRuleResolves() {
    RuleEngine engine = running();

    Reload r =
        engine.reload(
            parse(
                "groups:\n- name: g\n  rules:\n  - alert: Slow\n    expr: temp > 50\n    for: 10m\n"));

    assertThat(r.removed()).isEqualTo(1);
    assertThat(r.events())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.name()).isEqualTo("Hot");
              assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
              assertThat(a.startsAt()).isEqualTo(Instant.ofEpochMilli(T0));
              assertThat(a.endsAt()).isEqualTo(Instant.ofEpochMilli(T0 + 60_000));
              assertThat(a.annotations()).containsEntry("summary", "r1 is hot");
            });
    assertThat(engine.accept(temp(93, 120))).isEmpty();
    assertThat(alert(engine, "Slow").activeAt()).isEqualTo(Instant.ofEpochMilli(T0));
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of(
            "its expression changes", file("temp > 40", "", "page", "is hot", "10m", "", "")),
        Arguments.of("its labels change", file("temp > 50", "", "ticket", "is hot", "10m", "", "")),
        Arguments.of(
            "its keep_firing_for changes",
            file("temp > 50", "    keep_firing_for: 1m\n", "page", "is hot", "10m", "", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  @DisplayName("a rule starts fresh, its old firing alert resolved, when")
  void changedRuleRestarts(String name, String yaml) {
    RuleEngine engine = running();

    Reload r = engine.reload(parse(yaml));

    assertThat(r.kept()).isEqualTo(1);
    assertThat(r.added()).isEqualTo(1);
    assertThat(r.removed()).isEqualTo(1);
    assertThat(r.events())
        .extracting(Alert::status)
        .containsExactly(AlertStatus.RESOLVED, AlertStatus.FIRING);
    Alert refired = r.events().get(1);
    assertThat(refired.name()).isEqualTo("Hot");
    assertThat(refired.startsAt()).isEqualTo(Instant.ofEpochMilli(T0 + 60_000));
    assertThat(alert(engine, "Slow").activeAt()).isEqualTo(Instant.ofEpochMilli(T0));
  }

  @Test
  @DisplayName(
      "a changed rule with for goes pending from the reload, not from its predecessor's start")
  void changedPendingRestartsTimer() {
    RuleEngine engine = running();

    engine.reload(parse(file("temp > 50", "", "page", "is hot", "5m", "", "")));

    assertThat(alert(engine, "Slow").state()).isEqualTo(AlertState.PENDING);
    assertThat(alert(engine, "Slow").activeAt()).isEqualTo(Instant.ofEpochMilli(T0 + 60_000));
    assertThat(engine.accept(temp(95, 300))).isEmpty();
    assertThat(engine.accept(temp(95, 360))).extracting(Alert::name).containsExactly("Slow");
  }

  @Test
  @DisplayName("GET-visible groups are the new file's after a reload")
  void groupsReplaced() {
    RuleEngine engine = running();

    engine.reload(parse("groups:\n- name: only\n  rules:\n  - alert: X\n    expr: x > 1\n"));

    assertThat(engine.groups()).extracting(RuleGroup::name).containsExactly("only");
    assertThat(engine.alertingRules()).extracting(s -> s.rule().name()).containsExactly("X");
  }
}
