package dev.alerting.promql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.alerting.promql.storage.MemorySeriesStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shared example rules must all be in our subset; their values are checked by the conformance
 * suite.
 */
@DisplayName("The shared seed rules")
class SeedRulesTest {
  private static final Path SEED = Path.of("/work/shared/examples/seed-rules.yml");

  @Test
  @DisplayName("all parse and evaluate (to nothing) over an empty store")
  void parseAndEvaluate() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(SEED), "seed rules not present");
    JsonNode root = new YAMLMapper().readTree(SEED.toFile());
    List<String> exprs = new ArrayList<>();
    root.path("groups")
        .forEach(g -> g.path("rules").forEach(r -> exprs.add(r.path("expr").asText())));
    assertThat(exprs).hasSizeGreaterThanOrEqualTo(15);
    for (String e : exprs) {
      assertThat(PromQL.evaluateVector(PromQL.parse(e), 3_600_000, new MemorySeriesStore()))
          .as(e)
          .isEmpty();
    }
  }
}
