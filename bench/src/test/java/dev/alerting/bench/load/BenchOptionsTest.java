package dev.alerting.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void crossingsFileIsOptional() {
    assertThat(BenchOptions.parse(new String[] {"--embedded"}).crossings()).isNull();
    assertThat(BenchOptions.parse(new String[] {"--crossings", "/tmp/c.csv"}).crossings())
        .isEqualTo(Path.of("/tmp/c.csv"));
  }

  @Test
  void crossingsWithoutFileIsRefusedByName() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--crossings"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--crossings needs a value");
  }

  @Test
  void ingestAloneIsOffUnlessAsked() {
    assertThat(BenchOptions.parse(new String[] {"--embedded"}).ingestAlone()).isFalse();
    assertThat(BenchOptions.parse(new String[] {"--embedded", "--ingest-alone"}).ingestAlone())
        .isTrue();
  }

  @Test
  void ingestAloneNeedsTheEmbeddedStack() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--ingest-alone"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--ingest-alone needs --embedded (it stops services)");
  }
}
