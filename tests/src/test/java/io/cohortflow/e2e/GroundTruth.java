package io.cohortflow.e2e;

import io.cohortflow.extraction.SampleCohort;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The expected stacks of a generated sample cohort, from its {@code ground-truth.csv}. */
record GroundTruth(List<String> stackRows, Set<String> studies, Set<String> series,
    long instances) {

  /** One stack as "series_uid|stack_key|count", the form tests compare with the database. */
  static String stack(String seriesUid, String stackKey, String count) {
    return seriesUid + "|" + stackKey + "|" + count;
  }

  static GroundTruth of(Path cohort) throws IOException {
    List<String> rows = new ArrayList<>();
    Set<String> studies = new TreeSet<>();
    Set<String> series = new TreeSet<>();
    long instances = 0;
    try (Reader in = Files.newBufferedReader(cohort.resolve(SampleCohort.GROUND_TRUTH))) {
      for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
          .parse(in)) {
        rows.add(stack(r.get("series_instance_uid"), r.get("stack_key"), r.get("instance_count")));
        studies.add(r.get("study_instance_uid"));
        series.add(r.get("series_instance_uid"));
        instances += Long.parseLong(r.get("instance_count"));
      }
    }
    rows.sort(null);
    return new GroundTruth(rows, studies, series, instances);
  }

  /** Stacks of one series. */
  List<String> stacksOf(String seriesUid) {
    return stackRows.stream().filter(r -> r.startsWith(seriesUid + "|")).toList();
  }
}
