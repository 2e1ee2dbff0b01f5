package dev.alerting.notify.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Alertmanager's silence rules. Messages and update/replace behaviour were checked against the real
 * Alertmanager 0.25 (POST /api/v2/silences with the same bodies).
 */
@DisplayName("Silences")
class SilencesTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private final AtomicInteger next = new AtomicInteger();
  private final Silences silences = new Silences(() -> "id-" + next.incrementAndGet());

  private static SilenceRequest request(
      Optional<String> id, List<Matcher> matchers, Instant start, Instant end) {
    return new SilenceRequest(id, matchers, start, end, "alice", "maintenance");
  }

  private String create(List<Matcher> matchers, Instant start, Instant end) {
    Silences.Change c = silences.set(request(Optional.empty(), matchers, start, end), T0);
    c.writes().forEach(silences::apply);
    return c.id();
  }

  static Stream<Arguments> matching() {
    return Stream.of(
        Arguments.of(
            "equal", Matcher.eq("job", "api"), Labels.of("alertname", "A", "job", "api"), true),
        Arguments.of(
            "equal, other value",
            Matcher.eq("job", "api"),
            Labels.of("alertname", "A", "job", "db"),
            false),
        Arguments.of(
            "regex is anchored",
            Matcher.of("job", Matcher.Type.RE, "ap"),
            Labels.of("alertname", "A", "job", "api"),
            false),
        Arguments.of(
            "regex alternation",
            Matcher.of("job", Matcher.Type.RE, "api|db"),
            Labels.of("alertname", "A", "job", "db"),
            true),
        Arguments.of(
            "not equal",
            Matcher.of("job", Matcher.Type.NEQ, "api"),
            Labels.of("alertname", "A", "job", "db"),
            true),
        Arguments.of(
            "not equal, missing label",
            Matcher.of("job", Matcher.Type.NEQ, "api"),
            Labels.of("alertname", "A"),
            true),
        Arguments.of(
            "negative regex",
            Matcher.of("job", Matcher.Type.NRE, "a.*"),
            Labels.of("alertname", "A", "job", "api"),
            false),
        Arguments.of(
            "regex on a missing label",
            Matcher.of("job", Matcher.Type.RE, "a.*"),
            Labels.of("alertname", "A"),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matching")
  @DisplayName("an active silence mutes the alerts all its matchers accept")
  void matchers(String name, Matcher m, Labels alert, boolean muted) {
    String id = create(List.of(Matcher.eq("alertname", "A"), m), T0, T0.plus(Duration.ofHours(1)));
    assertThat(silences.silencedBy(alert, T0.plusSeconds(1)))
        .isEqualTo(muted ? List.of(id) : List.of());
  }

  @Test
  @DisplayName("pending before startsAt, active until endsAt, expired after; only active mutes")
  void states() {
    String id =
        create(List.of(Matcher.eq("alertname", "A")), T0.plusSeconds(60), T0.plusSeconds(120));
    Labels a = Labels.of("alertname", "A");
    assertThat(silences.get(id).state(T0)).isEqualTo(SilenceState.PENDING);
    assertThat(silences.mutes(a, T0.toEpochMilli())).isFalse();
    assertThat(silences.get(id).state(T0.plusSeconds(60))).isEqualTo(SilenceState.ACTIVE);
    assertThat(silences.mutes(a, T0.plusSeconds(60).toEpochMilli())).isTrue();
    assertThat(silences.get(id).state(T0.plusSeconds(120))).isEqualTo(SilenceState.EXPIRED);
    assertThat(silences.mutes(a, T0.plusSeconds(120).toEpochMilli())).isFalse();
  }

  static Stream<Arguments> invalid() {
    Instant end = T0.plus(Duration.ofHours(1));
    return Stream.of(
        Arguments.of(
            "start after end",
            List.of(Matcher.eq("a", "b")),
            end,
            T0,
            "Failed to create silence: start time must be before end time"),
        Arguments.of(
            "end in the past",
            List.of(Matcher.eq("a", "b")),
            T0.minusSeconds(120),
            T0.minusSeconds(60),
            "Failed to create silence: end time can't be in the past"),
        Arguments.of(
            "matches everything",
            List.of(Matcher.eq("a", "")),
            T0,
            end,
            "silence invalid: at least one matcher must not match the empty string"),
        Arguments.of(
            "only a match-all regex",
            List.of(Matcher.of("a", Matcher.Type.RE, ".*")),
            T0,
            end,
            "silence invalid: at least one matcher must not match the empty string"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  @DisplayName("invalid silences are refused with Alertmanager's message")
  void refused(String name, List<Matcher> matchers, Instant start, Instant end, String message) {
    assertThatThrownBy(() -> silences.set(request(Optional.empty(), matchers, start, end), T0))
        .isInstanceOf(SilenceException.class)
        .hasMessage(message);
  }

  @Test
  @DisplayName("a start in the past becomes now")
  void startClamped() {
    String id = create(List.of(Matcher.eq("a", "b")), T0.minusSeconds(600), T0.plusSeconds(600));
    assertThat(silences.get(id).startsAt()).isEqualTo(T0);
  }

  @Test
  @DisplayName("updating an active silence's end or comment keeps its id")
  void updateInPlace() {
    List<Matcher> m = List.of(Matcher.eq("a", "b"));
    String id = create(m, T0, T0.plusSeconds(600));
    Silences.Change c =
        silences.set(request(Optional.of(id), m, T0, T0.plusSeconds(1200)), T0.plusSeconds(10));
    assertThat(c.id()).isEqualTo(id);
    assertThat(c.writes())
        .singleElement()
        .satisfies(s -> assertThat(s.endsAt()).isEqualTo(T0.plusSeconds(1200)));
  }

  @Test
  @DisplayName("changing an active silence's matchers expires it and creates a new one")
  void replace() {
    String id = create(List.of(Matcher.eq("a", "b")), T0, T0.plusSeconds(600));
    Instant now = T0.plusSeconds(10);
    Silences.Change c =
        silences.set(
            request(Optional.of(id), List.of(Matcher.eq("a", "c")), T0, T0.plusSeconds(600)), now);
    assertThat(c.id()).isNotEqualTo(id);
    assertThat(c.writes()).hasSize(2);
    c.writes().forEach(silences::apply);
    assertThat(silences.get(id).state(now)).isEqualTo(SilenceState.EXPIRED);
    assertThat(silences.get(c.id()).startsAt()).isEqualTo(now);
  }

  @Test
  @DisplayName("updating an unknown id is 'silence not found'; an expired one is replaced")
  void unknownAndExpired() {
    assertThatThrownBy(
            () ->
                silences.set(
                    request(
                        Optional.of("nope"), List.of(Matcher.eq("a", "b")), T0, T0.plusSeconds(60)),
                    T0))
        .isInstanceOf(SilenceException.class)
        .hasMessage("silence not found")
        .matches(e -> ((SilenceException) e).notFound());
    List<Matcher> m = List.of(Matcher.eq("a", "b"));
    String id = create(m, T0, T0.plusSeconds(60));
    Silences.Change c =
        silences.set(request(Optional.of(id), m, T0, T0.plusSeconds(600)), T0.plusSeconds(120));
    assertThat(c.id()).isNotEqualTo(id);
    assertThat(c.writes()).hasSize(1);
  }

  @Test
  @DisplayName(
      "expire ends an active silence now, starts and ends a pending one now, and is idempotent")
  void expire() {
    String active = create(List.of(Matcher.eq("a", "b")), T0, T0.plusSeconds(600));
    String pending =
        create(List.of(Matcher.eq("a", "c")), T0.plusSeconds(300), T0.plusSeconds(600));
    Instant now = T0.plusSeconds(10);
    silences.expire(active, now).writes().forEach(silences::apply);
    silences.expire(pending, now).writes().forEach(silences::apply);
    assertThat(silences.get(active).endsAt()).isEqualTo(now);
    assertThat(silences.get(pending).startsAt()).isEqualTo(now);
    assertThat(silences.get(pending).state(now)).isEqualTo(SilenceState.EXPIRED);
    assertThat(silences.expire(active, now.plusSeconds(1)).writes()).isEmpty();
    assertThatThrownBy(() -> silences.expire("nope", now)).hasMessage("silence not found");
  }

  @Test
  @DisplayName("listed active by end, then pending by start, then expired latest first")
  void order() {
    String late = create(List.of(Matcher.eq("a", "1")), T0, T0.plusSeconds(900));
    String soon = create(List.of(Matcher.eq("a", "2")), T0, T0.plusSeconds(300));
    String pending = create(List.of(Matcher.eq("a", "3")), T0.plusSeconds(60), T0.plusSeconds(300));
    String expired = create(List.of(Matcher.eq("a", "4")), T0, T0.plusSeconds(600));
    silences.expire(expired, T0).writes().forEach(silences::apply);
    assertThat(silences.list(T0.plusSeconds(1)).stream().map(Silence::id))
        .containsExactly(soon, late, pending, expired);
  }

  @Test
  @DisplayName("silences without an equality matcher are still checked against every alert")
  void unindexed() {
    String id =
        create(List.of(Matcher.of("job", Matcher.Type.RE, "api-.*")), T0, T0.plusSeconds(60));
    create(List.of(Matcher.eq("job", "db")), T0, T0.plusSeconds(60));
    assertThat(silences.silencedBy(Labels.of("alertname", "X", "job", "api-1"), T0))
        .containsExactly(id);
  }

  @Test
  @DisplayName("expired silences older than the retention are garbage")
  void garbage() {
    String id = create(List.of(Matcher.eq("a", "b")), T0, T0.plusSeconds(60));
    assertThat(silences.garbage(T0.plus(Duration.ofHours(100)), Silences.DEFAULT_RETENTION))
        .isEmpty();
    assertThat(silences.garbage(T0.plus(Duration.ofHours(121)), Silences.DEFAULT_RETENTION))
        .containsExactly(id);
  }
}
