package dev.alerting.notify;

import dev.alerting.testkit.ChildJava;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A notifier in a child JVM (NotifierMain with the given environment), so a test can {@code kill
 * -9} it. Its HTTP port is chosen up front so the test can ask its API.
 */
final class ChildNotifier implements AutoCloseable {
  private final ChildJava child;
  private final int port;

  private ChildNotifier(ChildJava child, int port) {
    this.child = child;
    this.port = port;
  }

  static ChildNotifier start(Map<String, String> env, Path log) throws IOException {
    int port = ChildJava.freePort();
    Map<String, String> all = new HashMap<>(env);
    all.put("NOTIFIER_HTTP_PORT", String.valueOf(port));
    return new ChildNotifier(
        ChildJava.start("child notifier", NotifierMain.class, List.of("-Xmx256m"), all, log), port);
  }

  int port() {
    return port;
  }

  /** SIGKILL: the JVM stops at once, nothing flushed or closed. */
  void kill() throws InterruptedException {
    child.kill();
  }

  @Override
  public void close() throws InterruptedException {
    child.close();
  }
}
