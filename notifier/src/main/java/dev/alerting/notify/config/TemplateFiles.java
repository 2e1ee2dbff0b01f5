package dev.alerting.notify.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alerting.platform.codec.Json;
import dev.alerting.template.TemplateException;
import dev.alerting.template.Templates;
import dev.alerting.template.alertmanager.NotificationTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The config's {@code templates:} globs, loaded relative to the config file's folder on top of our
 * default templates. A file that does not parse stops start-up with Go's error message.
 */
public final class TemplateFiles {
  private TemplateFiles() {}

  public static Templates load(Path configFile) {
    List<String> globs = globs(configFile);
    Path dir = configFile.toAbsolutePath().getParent();
    try {
      return NotificationTemplates.load(dir, globs);
    } catch (TemplateException e) {
      throw new ConfigError("templates", e.getMessage());
    }
  }

  static List<String> globs(Path configFile) {
    JsonNode root;
    try {
      root = Json.YAML.readTree(Files.readString(configFile));
    } catch (IOException e) {
      throw new ConfigError("", "cannot read " + configFile + ": " + e.getMessage());
    }
    List<String> out = new ArrayList<>();
    JsonNode t = root == null ? null : root.get("templates");
    if (t == null || t.isNull()) {
      return out;
    }
    if (!t.isArray()) {
      throw new ConfigError("templates", "must be a list of file globs");
    }
    t.forEach(g -> out.add(g.asText()));
    return out;
  }
}
