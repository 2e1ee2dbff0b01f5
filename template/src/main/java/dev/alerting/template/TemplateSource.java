package dev.alerting.template;

import java.util.Objects;

/**
 * One template file: its name (the file's base name, as Go's {@code ParseGlob} names it, and the
 * name errors report) and its text, whose {@code {{define}}} blocks join the set.
 */
public record TemplateSource(String name, String text) {
  public TemplateSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
  }
}
