package dev.alerting.launcher.cli;

import java.nio.file.Path;

/**
 * Resolves a path the user typed against the directory they ran {@code ./alerting} in: the script
 * changes into the repository, and passes the caller's directory as {@code ALERTING_CALLER_DIR}.
 */
record CallerPaths(Path callerDir) {
  static CallerPaths fromEnvironment() {
    String dir = System.getenv("ALERTING_CALLER_DIR");
    return new CallerPaths(Path.of(dir == null || dir.isBlank() ? "." : dir).toAbsolutePath());
  }

  String resolve(String path) {
    return callerDir.resolve(path).normalize().toString();
  }
}
