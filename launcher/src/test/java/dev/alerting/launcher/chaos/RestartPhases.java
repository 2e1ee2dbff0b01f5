package dev.alerting.launcher.chaos;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The restart's timeline from the stack's own JSON log: seconds from starting the new process to
 * the first log line, the embedded broker ready, each service ready and the checkpoint restored.
 * The breakdown in docs/recovery.md comes from this.
 */
final class RestartPhases {
  private static final Pattern LINE =
      Pattern.compile("\"timestamp\":(\\d+).*\"formattedMessage\":\"([^\"]*)");
  private static final List<String> MARKS =
      List.of(
          "starting the embedded Kafka broker",
          "embedded Kafka ready",
          "metrics-ingest listening",
          "took the rule-engine lease",
          "checkpoint restored",
          "rule-engine listening",
          "notifier ready",
          "incident-service ready");

  private RestartPhases() {}

  /** The phases found in {@code log} after byte {@code from}, relative to {@code startMs}. */
  static String read(Path log, long from, long startMs) throws IOException {
    Map<String, Double> at = new LinkedHashMap<>();
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      f.seek(from);
      String raw;
      while ((raw = f.readLine()) != null) {
        String line = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
          continue;
        }
        double s = (Long.parseLong(m.group(1)) - startMs) / 1000.0;
        at.putIfAbsent("first log line", s);
        for (String mark : MARKS) {
          if (m.group(2).startsWith(mark)) {
            at.putIfAbsent(mark, s);
          }
        }
      }
    }
    StringBuilder sb = new StringBuilder("RESTART PHASES (s after starting the new process):");
    at.forEach((k, v) -> sb.append(String.format(" %s %.1f;", k, v)));
    return sb.toString();
  }
}
