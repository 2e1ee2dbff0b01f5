package dev.alerting.promql.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where Prometheus's test files are and the committed pass-count baseline. The files are read in
 * place from {@code ../shared/promql-upstream} beside the repository (CI's clean clone has it at
 * the same place), never copied in; {@code -Dpromql.upstream.dir} points elsewhere.
 */
final class UpstreamFiles {
  static final String DIR_PROPERTY = "promql.upstream.dir";
  static final String BASELINE = "/promql-upstream-baseline.tsv";

  private UpstreamFiles() {}

  static Path directory() {
    String override = System.getProperty(DIR_PROPERTY);
    if (override != null && !override.isBlank()) {
      return Path.of(override).toAbsolutePath().normalize();
    }
    return repositoryRoot().resolve("../shared/promql-upstream").normalize();
  }

  /** The nearest directory upwards from the working directory that holds {@code mvnw}. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("mvnw"))) {
        return p;
      }
    }
    return dir;
  }

  static List<Path> testFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
    }
  }

  /** file name to the pass count it must keep; lines {@code file<TAB>passed}, # comments. */
  static Map<String, Integer> baseline() throws IOException {
    Map<String, Integer> out = new TreeMap<>();
    try (InputStream in = UpstreamFiles.class.getResourceAsStream(BASELINE)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + BASELINE);
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String[] f = l.split("\t");
        out.put(f[0], Integer.parseInt(f[1].strip()));
      }
    }
    return out;
  }
}
