package dev.alerting.launcher.chaos;

import java.util.List;

/**
 * One fault's figures, one row of the tables in docs/chaos.md. Every count is expected to be 0;
 * {@code details} names whatever is not (which series, which sample).
 */
record ChaosRow(
    String fault,
    int lostAckedSamples,
    int ackedSamples,
    int missedFires,
    int missedResolves,
    int duplicateAlertEvents,
    int duplicateNotifications,
    int missingNotifications,
    int duplicatePages,
    int missingPages,
    int duplicateIncidents,
    int missingIncidents,
    int unresolvedIncidents,
    double secondsToFirstCorrect, // NaN: never seen
    String firstCorrectMeans,
    List<String> details) {

  static String header() {
    return "| fault | lost acked samples (of N) | missed fires | missed resolves | duplicate alert"
        + " events | duplicate / missing notifications | duplicate / missing pages | duplicate /"
        + " missing / unresolved incidents | s to first correct alert after restart |";
  }

  String markdown() {
    return String.format(
        "| %s | %d (of %d) | %d | %d | %d | %d / %d | %d / %d | %d / %d / %d | %s (%s) |",
        fault,
        lostAckedSamples,
        ackedSamples,
        missedFires,
        missedResolves,
        duplicateAlertEvents,
        duplicateNotifications,
        missingNotifications,
        duplicatePages,
        missingPages,
        duplicateIncidents,
        missingIncidents,
        unresolvedIncidents,
        Double.isNaN(secondsToFirstCorrect)
            ? "never"
            : String.format("%.1f", secondsToFirstCorrect),
        firstCorrectMeans);
  }

  /** True when nothing was lost, missed or repeated. */
  boolean clean() {
    return lostAckedSamples == 0
        && missedFires == 0
        && missedResolves == 0
        && duplicateAlertEvents == 0
        && duplicateNotifications == 0
        && missingNotifications == 0
        && duplicatePages == 0
        && missingPages == 0
        && duplicateIncidents == 0
        && missingIncidents == 0
        && unresolvedIncidents == 0;
  }
}
