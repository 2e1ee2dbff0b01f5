package dev.alerting.notify.receiver;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Removes configured secrets (keys, passwords, tokens, secret URLs and their paths) from any text
 * before it reaches a log line, an error or an API answer. Matching by value catches a secret
 * wherever a library echoes it (an exception naming the URL, a receiver quoting the request).
 */
public final class Redactor {
  public static final String MASK = "<secret>";
  // Shorter values would mask ordinary words; such "secrets" protect nothing anyway.
  private static final int MIN_LENGTH = 4;

  private final List<String> secrets;

  public Redactor(Collection<String> secrets) {
    this.secrets =
        secrets.stream()
            .filter(Objects::nonNull)
            .map(String::strip)
            .filter(s -> s.length() >= MIN_LENGTH)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  /** Masks what either masks. */
  public Redactor and(Redactor other) {
    List<String> all = new java.util.ArrayList<>(secrets);
    all.addAll(other.secrets);
    return new Redactor(all);
  }

  public static Redactor none() {
    return new Redactor(List.of());
  }

  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, MASK);
    }
    return out;
  }
}
