package dev.alerting.promql.upstream;

import java.util.List;

/** The evals of one upstream file by outcome, and the outcomes that did not pass. */
record FileTally(String file, int passed, int unsupported, int failed, List<String> notes) {

  static FileTally of(String file, List<ScriptRunner.Result> results) {
    int passed = 0;
    int unsupported = 0;
    int failed = 0;
    List<String> notes = new java.util.ArrayList<>();
    for (ScriptRunner.Result r : results) {
      switch (r.outcome().status()) {
        case PASSED -> passed++;
        case UNSUPPORTED -> unsupported++;
        case FAILED -> failed++;
      }
      if (r.outcome().status() != EvalOutcome.Status.PASSED) {
        notes.add(
            String.format(
                "%s:%d %s %s%n    %s",
                file,
                r.eval().line(),
                r.outcome().status(),
                r.eval().expr(),
                r.outcome().reason()));
      }
    }
    return new FileTally(file, passed, unsupported, failed, notes);
  }

  int total() {
    return passed + unsupported + failed;
  }
}
