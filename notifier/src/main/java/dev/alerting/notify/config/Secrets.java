package dev.alerting.notify.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Alertmanager's {@code X} / {@code X_file} pairs: a value inline or read from a file. */
final class Secrets {
  private Secrets() {}

  /** The value of {@code key}, or the trimmed content of {@code key_file}; never both. */
  static Optional<String> read(Node n, String key) {
    String fileKey = key + "_file";
    if (n.has(key) && n.has(fileKey)) {
      throw n.error(key, "at most one of " + key + " and " + fileKey + " may be set");
    }
    if (n.has(fileKey)) {
      String file = n.string(fileKey).orElseThrow();
      try {
        return Optional.of(Files.readString(Path.of(file)).strip());
      } catch (IOException e) {
        throw n.error(fileKey, "cannot read " + file + ": " + e.getMessage());
      }
    }
    return n.string(key).filter(s -> !s.isEmpty());
  }
}
