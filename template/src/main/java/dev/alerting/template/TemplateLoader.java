package dev.alerting.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads template files named by globs ({@code templates:} in an Alertmanager config), each relative
 * to a base folder unless absolute. Go's glob syntax: {@code *} and {@code ?} stay within one path
 * segment, {@code [...]} classes. A glob matching nothing is not an error (Alertmanager allows
 * files that appear later); files come in glob order, then name order, as Go parses them.
 */
public final class TemplateLoader {
  private TemplateLoader() {}

  public static List<TemplateSource> load(Path baseDir, List<String> globs) {
    List<TemplateSource> sources = new ArrayList<>();
    for (String glob : globs) {
      for (Path file : matches(baseDir, glob)) {
        try {
          sources.add(
              new TemplateSource(
                  file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
          throw new TemplateException("template: reading " + file + ": " + e.getMessage(), e);
        }
      }
    }
    return sources;
  }

  /** The regular files {@code glob} names, sorted. */
  static List<Path> matches(Path baseDir, String glob) {
    Path pattern = Path.of(glob);
    if (!pattern.isAbsolute()) {
      pattern = baseDir.resolve(glob);
    }
    pattern = pattern.normalize();
    Path root = pattern.getRoot() == null ? Path.of("") : pattern.getRoot();
    int literal = 0;
    while (literal < pattern.getNameCount() - 1 && !hasMeta(pattern.getName(literal).toString())) {
      literal++;
    }
    Path start = literal == 0 ? root : root.resolve(pattern.subpath(0, literal));
    if (!hasMeta(pattern.toString())) {
      return Files.isRegularFile(pattern) ? List.of(pattern) : List.of();
    }
    String javaGlob =
        pattern.toString().replace("[^", "[!").replace("{", "\\{").replace("}", "\\}");
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + javaGlob);
    int depth = pattern.getNameCount() - literal;
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(start, depth)) {
      return walk.filter(Files::isRegularFile).filter(matcher::matches).sorted().toList();
    } catch (IOException e) {
      throw new TemplateException("template: reading " + start + ": " + e.getMessage(), e);
    }
  }

  private static boolean hasMeta(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }
}
