package dev.alerting.promql.upstream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The per-file table printed by the upstream run, and its files under {@code
 * target/promql-upstream/}: the table, and every eval that did not pass with the reason.
 */
final class UpstreamReport {
  private UpstreamReport() {}

  static String table(List<FileTally> tallies, Map<String, Integer> baseline) {
    StringBuilder b = new StringBuilder();
    String row = "| %-26s | %6s | %11s | %6s | %5s | %8s |%n";
    b.append(String.format(row, "file", "passed", "unsupported", "failed", "evals", "baseline"));
    b.append(String.format(row, "---", "---:", "---:", "---:", "---:", "---:"));
    int p = 0;
    int u = 0;
    int f = 0;
    for (FileTally t : tallies) {
      b.append(
          String.format(
              row,
              t.file(),
              t.passed(),
              t.unsupported(),
              t.failed(),
              t.total(),
              baseline.getOrDefault(t.file(), 0)));
      p += t.passed();
      u += t.unsupported();
      f += t.failed();
    }
    int base = baseline.values().stream().mapToInt(Integer::intValue).sum();
    b.append(String.format(row, "**total**", p, u, f, p + u + f, base));
    return b.toString();
  }

  static void write(List<FileTally> tallies, String table) throws IOException {
    Path out = Path.of("target", "promql-upstream");
    Files.createDirectories(out);
    Files.writeString(out.resolve("table.md"), table);
    StringBuilder notes = new StringBuilder();
    tallies.forEach(t -> t.notes().forEach(n -> notes.append(n).append('\n')));
    Files.writeString(out.resolve("not-passed.txt"), notes);
  }
}
