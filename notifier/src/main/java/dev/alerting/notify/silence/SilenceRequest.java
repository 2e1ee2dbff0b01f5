package dev.alerting.notify.silence;

import dev.alerting.model.Matcher;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A silence as a client posts it (Alertmanager's {@code postableSilence}): with an id it asks to
 * update that silence, without one to create a new silence.
 */
public record SilenceRequest(
    Optional<String> id,
    List<Matcher> matchers,
    Instant startsAt,
    Instant endsAt,
    String createdBy,
    String comment,
    SilenceExtras extras) {
  /** A request without extras. */
  public SilenceRequest(
      Optional<String> id,
      List<Matcher> matchers,
      Instant startsAt,
      Instant endsAt,
      String createdBy,
      String comment) {
    this(id, matchers, startsAt, endsAt, createdBy, comment, SilenceExtras.NONE);
  }

  public SilenceRequest {
    Objects.requireNonNull(id, "id");
    matchers = List.copyOf(matchers);
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    startsAt = startsAt.truncatedTo(ChronoUnit.MILLIS);
    endsAt = endsAt.truncatedTo(ChronoUnit.MILLIS);
    extras = extras == null ? SilenceExtras.NONE : extras;
  }
}
