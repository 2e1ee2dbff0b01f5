package dev.alerting.notify.api.v2;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real amtool (Debian's prometheus-alertmanager package) against a notifier. */
final class Amtool {
  /** One run: exit code and output. */
  record Run(int exitCode, String out, String err) {}

  private Amtool() {}

  static boolean available() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, "amtool").canExecute()) {
        return true;
      }
    }
    return false;
  }

  static Run run(int port, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("amtool");
    cmd.add("--alertmanager.url=http://127.0.0.1:" + port);
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("amtool did not finish: " + cmd);
      }
      return new Run(
          p.exitValue(),
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
          new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run amtool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
