package dev.alerting.promql.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The promqltest runner itself, on a small script of each kind of command. */
class ScriptRunnerTest {
  private static final String SCRIPT =
      """
      load 1m
        up{job="a"} 0+1x10
        up{job="b"} 5 _ stale 7
        hist {{schema:0 sum:1 count:1}}x3

      eval instant at 5m up
        up{job="a"} 5

      eval instant at 5m up{job="a"} * 2
        {job="a"} 11

      eval range from 0 to 3m step 1m up{job="b"}
        up{job="b"} 5 5 _ 7

      eval range from 0 to 2m step 1m up{job="a"} + 1
        {job="a"} 1 2 3

      eval instant at 5m info(up)
        {job="a"} 5

      eval instant at 5m count(hist)
        {} 1

      eval_fail instant at 5m up{job="a"} + on() group_left up

      eval instant at 1m 3 * 2
        6

      eval_ordered instant at 5m sort_desc(up)
        up{job="a"} 5
        up{job="b"} 7

      eval instant at 5m rate(up[5m])
        expect warn
        {job="a"} 0.016666666666666666

      eval instant at 5m 2 </ hist
        {} 1
      """;

  @Test
  @DisplayName(
      "counts right answers as passed, wrong ones as failed, unknown syntax as unsupported")
  void classifiesEachEval() {
    List<ScriptRunner.Result> results = ScriptRunner.run(TestScript.parse(SCRIPT));
    assertThat(results)
        .extracting(r -> r.eval().line() + " " + r.outcome().status())
        .containsExactly(
            "6 FAILED",
            "9 FAILED",
            "12 PASSED",
            "15 PASSED",
            "18 UNSUPPORTED",
            "21 PASSED",
            "24 PASSED",
            "26 PASSED",
            "29 FAILED",
            "33 UNSUPPORTED",
            "37 UNSUPPORTED");
  }
}
