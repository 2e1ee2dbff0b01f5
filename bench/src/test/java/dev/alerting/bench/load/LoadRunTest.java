package dev.alerting.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A paced run against a server that answers at once: requests go out up to a millisecond before
 * their due time (timers have millisecond resolution) and come back before it. The run must still
 * count every request and end; a negative latency used to end its request loop with an exception,
 * so the run never returned and the load behind a detection measurement silently stopped.
 */
class LoadRunTest {
  private Vertx vertx;
  private HttpServer server;
  private final AtomicLong received = new AtomicLong();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                r ->
                    r.body()
                        .onComplete(
                            b -> {
                              received.incrementAndGet();
                              r.response().setStatusCode(204).end();
                            }))
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void pacedRunAgainstAFastServerEndsAndCountsEveryRequest() throws Exception {
    LoadRun run =
        new LoadRun(vertx, "http://localhost:" + server.actualPort(), "json", 10, 100, 20_000, 4);
    CompletableFuture<LoadRun.LoadResult> result =
        CompletableFuture.supplyAsync(() -> run.run(Duration.ZERO, Duration.ofSeconds(3)));

    // generous: a 3 s run; before the fix it never ended
    LoadRun.LoadResult r = result.get(60, TimeUnit.SECONDS);

    // Every request the server answered was counted. How many there were depends on the machine
    // (2 000/s are due; a loaded 2-core machine sends fewer), so only a floor: each of the 4
    // loops went on past its first few requests.
    assertThat(r.requests()).isEqualTo(received.get()).isGreaterThan(40);
    assertThat(r.answers()).containsOnlyKeys("204");
    assertThat(r.p50Millis()).isGreaterThanOrEqualTo(0);
  }
}
