package dev.alerting.rule.reload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alerting.platform.codec.Json;
import dev.alerting.rule.file.RuleFileException;
import dev.alerting.rule.file.RuleFileLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rule file or folder on disk: a cheap change stamp (names, sizes and modification times) and
 * its content as one rule-file text, the form the rules topic carries. Blocking file IO.
 */
public final class RuleFiles {
  private RuleFiles() {}

  /** Changes whenever a rule file is added, removed, resized or touched. */
  public static String stamp(Path path) {
    StringBuilder sb = new StringBuilder();
    for (Path f : files(path)) {
      try {
        sb.append(f)
            .append(':')
            .append(Files.size(f))
            .append(':')
            .append(Files.getLastModifiedTime(f).toMillis())
            .append('\n');
      } catch (IOException e) {
        sb.append(f).append(":gone\n");
      }
    }
    return sb.toString();
  }

  /** The latest modification time of the rule files, in epoch millis (0 when there are none). */
  public static long modified(Path path) {
    long latest = 0;
    for (Path f : files(path)) {
      try {
        latest = Math.max(latest, Files.getLastModifiedTime(f).toMillis());
      } catch (IOException e) {
        // A file deleted between listing and reading: the next poll sees the new state.
      }
    }
    return latest;
  }

  /**
   * Validates the file or folder and returns it as one rule-file text: a single file verbatim, a
   * folder as one document whose groups are those of its files in name order.
   */
  public static String read(Path path, RuleFileLoader loader) {
    loader.load(path);
    try {
      if (!Files.isDirectory(path)) {
        return Files.readString(path);
      }
      ObjectNode root = Json.YAML.createObjectNode();
      ArrayNode groups = root.putArray("groups");
      for (Path f : files(path)) {
        JsonNode doc = Json.YAML.readTree(Files.readString(f));
        if (doc != null && doc.path("groups").isArray()) {
          groups.addAll((ArrayNode) doc.get("groups"));
        }
      }
      return Json.YAML.writeValueAsString(root);
    } catch (IOException e) {
      throw new RuleFileException(List.of(path + ": cannot read: " + e.getMessage()));
    }
  }

  private static List<Path> files(Path path) {
    if (!Files.isDirectory(path)) {
      return Files.exists(path) ? List.of(path) : List.of();
    }
    try (Stream<Path> s = Files.list(path)) {
      return s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
