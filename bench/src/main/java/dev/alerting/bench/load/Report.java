package dev.alerting.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The results table in docs/benchmarks.md: one row per scenario, appended at the end of the file
 * (the results section is kept last, so appending extends its table). The header is written when
 * the file does not yet end in this table.
 */
public final class Report {
  /** The table header, also printed on the console. */
  public static final String HEADER =
      "| date (UTC) | commit | machine | stack | format | batch | series | conc. | target rate | accepted samples/s "
          + "| HTTP p50 / p99 ms | non-2xx | topic records/s | topic MB/s (uncompr. / disk) | consumer lag at end "
          + "| detection firing p50 / p99 ms (n) | resolved p50 / p99 ms (n) | of which: push acked / event produced p50, p99 ms | raw Kafka rec/s | ratio | note |\n"
          + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";

  private Report() {}

  /**
   * One scenario's figures, with the baseline (null when skipped). {@code stack}: {@code embedded},
   * {@code external} or {@code embedded, ingest alone}; {@code consumerLag} is -1 when no consumer
   * was reading.
   */
  public record Row(
      Machine machine,
      String stack,
      BenchOptions options,
      LoadRun.LoadResult load,
      double topicRecordsPerSecond,
      double topicMegabytesPerSecond,
      double diskMegabytesPerSecond,
      long consumerLag,
      DetectionProbe.Result detection,
      RawKafka.Result raw) {

    public String markdown() {
      String ratio =
          raw == null
              ? "–"
              : String.format("%.3f", load.samplesPerSecond() / raw.recordsPerSecond());
      String det =
          detection == null
              ? "–"
              : String.format(
                  "%.0f / %.0f (%d%s)",
                  detection.firingP50(),
                  detection.firingP99(),
                  detection.firingCount(),
                  detection.missed() > 0 ? ", " + detection.missed() + " missed" : "");
      String res =
          detection == null
              ? "–"
              : String.format(
                  "%.0f / %.0f (%d)",
                  detection.resolvedP50(), detection.resolvedP99(), detection.resolvedCount());
      String ack =
          detection == null
              ? "–"
              : String.format(
                  "%.0f / %.0f, %.0f / %.0f",
                  detection.ackP50(),
                  detection.producedP50(),
                  detection.ackP99(),
                  detection.producedP99());
      return String.format(
          "| %s | %s | %s | %s | %s | %d | %d | %d | %s | %.0f | %.1f / %.1f | %s | %.0f | %.2f / %.2f | %s "
              + "| %s | %s | %s | %s | %s | %s |%n",
          machine.date(),
          machine.commit(),
          machine.summary(),
          stack,
          load.format(),
          load.batch(),
          options.series(),
          options.concurrency(),
          options.rate() == 0 ? "max" : String.valueOf(options.rate()),
          load.samplesPerSecond(),
          load.p50Millis(),
          load.p99Millis(),
          load.errors(),
          topicRecordsPerSecond,
          topicMegabytesPerSecond,
          diskMegabytesPerSecond,
          consumerLag < 0 ? "–" : String.valueOf(consumerLag),
          det,
          res,
          ack,
          raw == null ? "–" : String.format("%.0f", raw.recordsPerSecond()),
          ratio,
          options.note().replace("|", "/"));
    }
  }

  /** Appends the rows (with the header if the file does not end in the table yet). */
  public static void append(Path file, List<Row> rows) throws IOException {
    StringBuilder sb = new StringBuilder();
    String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    String lastLine = existing.strip().lines().reduce((a, b) -> b).orElse("");
    if (!lastLine.startsWith("| ")
        || !existing.contains(HEADER.lines().findFirst().orElseThrow())) {
      sb.append(
              existing.isEmpty() || existing.endsWith("\n\n")
                  ? ""
                  : existing.endsWith("\n") ? "\n" : "\n\n")
          .append(HEADER);
    }
    rows.forEach(r -> sb.append(r.markdown()));
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(
        file,
        sb.toString(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
