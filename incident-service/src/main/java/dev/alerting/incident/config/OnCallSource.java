package dev.alerting.incident.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The current on-call configuration, swapped whole on reload: a bad file is refused and the old
 * configuration stays, so a typo never leaves the service paging nobody.
 */
public final class OnCallSource implements Supplier<OnCallConfig> {
  private final Optional<Path> file;
  private final AtomicReference<OnCallConfig> current;
  private volatile FileTime loadedModified;

  private OnCallSource(Optional<Path> file, OnCallConfig initial, FileTime modified) {
    this.file = file;
    this.current = new AtomicReference<>(initial);
    this.loadedModified = modified;
  }

  /** Loads {@code file} (throws {@link OnCallConfigError} when it is bad), or the empty config. */
  public static OnCallSource load(Optional<Path> file) {
    if (file.isEmpty()) {
      return new OnCallSource(file, OnCallConfig.empty(), null);
    }
    FileTime modified = modified(file.get());
    return new OnCallSource(file, OnCallConfigParser.load(file.get()), modified);
  }

  /** A fixed configuration (tests, embedding). */
  public static OnCallSource of(OnCallConfig config) {
    return new OnCallSource(Optional.empty(), config, null);
  }

  @Override
  public OnCallConfig get() {
    return current.get();
  }

  public Optional<Path> file() {
    return file;
  }

  /** Reads the file again; throws {@link OnCallConfigError} and keeps the old config when bad. */
  public synchronized OnCallConfig reload() {
    if (file.isEmpty()) {
      return current.get();
    }
    FileTime modified = modified(file.get());
    OnCallConfig next = OnCallConfigParser.load(file.get());
    current.set(next);
    loadedModified = modified;
    return next;
  }

  /** Reloads when the file changed since it was last loaded; true when it did. */
  public synchronized boolean reloadIfChanged() {
    if (file.isEmpty()) {
      return false;
    }
    FileTime modified = modified(file.get());
    if (modified == null || modified.equals(loadedModified)) {
      return false;
    }
    try {
      reload();
    } finally {
      // A bad file is reported once, not at every check.
      loadedModified = modified;
    }
    return true;
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return null;
    }
  }
}
