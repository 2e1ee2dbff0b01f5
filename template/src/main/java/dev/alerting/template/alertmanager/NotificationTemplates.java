package dev.alerting.template.alertmanager;

import dev.alerting.template.TemplateLoader;
import dev.alerting.template.TemplateSource;
import dev.alerting.template.Templates;
import java.nio.file.Path;
import java.util.List;

/**
 * The template set a notifier renders with: our default templates, then the user's {@code
 * templates:} files (which may override any define), with Alertmanager's functions.
 */
public final class NotificationTemplates {
  // immutable, so parsed once for every caller
  private static final Templates DEFAULTS =
      Templates.parse(List.of(DefaultTemplates.source()), AlertmanagerFunctions.library());

  private NotificationTemplates() {}

  /**
   * Loads the defaults plus the files {@code globs} name, relative to {@code configDir} (the
   * Alertmanager config file's folder).
   *
   * @throws dev.alerting.template.TemplateException when a file cannot be read or parsed
   */
  public static Templates load(Path configDir, List<String> globs) {
    List<TemplateSource> files = TemplateLoader.load(configDir, globs);
    return files.isEmpty() ? DEFAULTS : DEFAULTS.with(files);
  }

  /** The defaults alone. */
  public static Templates defaults() {
    return DEFAULTS;
  }
}
