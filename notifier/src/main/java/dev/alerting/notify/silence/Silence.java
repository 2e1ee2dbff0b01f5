package dev.alerting.notify.silence;

import dev.alerting.model.Labels;
import dev.alerting.model.Matcher;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * An Alertmanager silence: while active (from {@code startsAt} until {@code endsAt}), every alert
 * all of whose labels the matchers accept is muted. A silence that exists is valid: it has
 * matchers, at least one of which does not match the empty string (so it cannot silence everything
 * by accident), and does not end before it starts.
 */
public record Silence(
    String id,
    List<Matcher> matchers,
    Instant startsAt,
    Instant endsAt,
    Instant updatedAt,
    String createdBy,
    String comment,
    SilenceExtras extras) {

  /** An Alertmanager silence without extras. */
  public Silence(
      String id,
      List<Matcher> matchers,
      Instant startsAt,
      Instant endsAt,
      Instant updatedAt,
      String createdBy,
      String comment) {
    this(id, matchers, startsAt, endsAt, updatedAt, createdBy, comment, SilenceExtras.NONE);
  }

  public Silence {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    // Held as served (milliseconds), so a client posting back what it read (amtool silence
    // update) updates in place whether or not this instance has re-read its own write yet.
    startsAt = startsAt.truncatedTo(ChronoUnit.MILLIS);
    endsAt = endsAt.truncatedTo(ChronoUnit.MILLIS);
    updatedAt = updatedAt.truncatedTo(ChronoUnit.MILLIS);
    matchers = List.copyOf(Objects.requireNonNull(matchers, "matchers"));
    createdBy = createdBy == null ? "" : createdBy;
    comment = comment == null ? "" : comment;
    extras = extras == null ? SilenceExtras.NONE : extras;
    if (id.isEmpty()) {
      throw new IllegalArgumentException("silence invalid: id missing");
    }
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("silence invalid: at least one matcher required");
    }
    if (matchers.stream().allMatch(m -> m.matches(""))) {
      throw new IllegalArgumentException(
          "silence invalid: at least one matcher must not match the empty string");
    }
    if (endsAt.isBefore(startsAt)) {
      throw new IllegalArgumentException("silence invalid: end time must not be before start time");
    }
  }

  /**
   * Where the silence is in its life: pending before {@code startsAt}, expired from {@code endsAt}
   * on (so expiring at {@code now} takes effect at once), active in between. A recurring silence
   * mutes only inside its windows: {@link Silences#state} says whether it does now.
   */
  public SilenceState state(Instant now) {
    if (now.isBefore(startsAt)) {
      return SilenceState.PENDING;
    }
    return now.isBefore(endsAt) ? SilenceState.ACTIVE : SilenceState.EXPIRED;
  }

  /** Whether every matcher accepts the labels (a missing label is the empty string). */
  public boolean matches(Labels labels) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  Silence withTimes(Instant starts, Instant ends, Instant updated) {
    return new Silence(id, matchers, starts, ends, updated, createdBy, comment, extras);
  }
}
