package dev.alerting.bench.incidents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/**
 * CPU time used so far by this JVM (service, embedded broker and harness) and by the PostgreSQL
 * backends of the incident store's pool (found by their application name; Linux /proc). On a
 * machine other builds share, CPU per event says more about capacity than events per second.
 */
final class CpuMeter {
  /** The application name the harness gives the store's PostgreSQL connections. */
  static final String APPLICATION = "incident-bench";

  private static final double TICKS_PER_SECOND = 100.0;

  /** Seconds of CPU: this JVM's, and the PostgreSQL backends' (0 on H2). */
  record Reading(double jvm, double database) {}

  private CpuMeter() {}

  static Reading read(String url) {
    double jvm =
        ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
    return new Reading(jvm, url.startsWith("jdbc:postgresql:") ? backends(url) : 0);
  }

  private static double backends(String url) {
    double seconds = 0;
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE application_name = '"
                    + APPLICATION
                    + "' AND pid <> pg_backend_pid()")) {
      while (r.next()) {
        seconds += cpu(r.getInt(1));
      }
    } catch (Exception e) {
      return Double.NaN;
    }
    return seconds;
  }

  /** utime + stime of a process, from /proc/PID/stat (fields 14 and 15). */
  private static double cpu(int pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
