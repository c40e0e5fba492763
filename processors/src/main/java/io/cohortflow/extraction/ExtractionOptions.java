package io.cohortflow.extraction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to run an extraction.
 *
 * @param source the cohort folder; each immediate subfolder is a subject
 * @param cohort the cohort's name in the database
 * @param workers threads that parse headers
 * @param batchSize instances per database transaction
 * @param resume skip complete subjects and imported files; false re-reads everything and updates
 *     rows in place
 * @param allFiles also try files with other extensions, keeping those with the DICM magic
 * @param storeIdentifiers keep PatientID and PatientName in clear instead of a keyed hash
 */
public record ExtractionOptions(Path source, String cohort, int workers, int batchSize,
    boolean resume, boolean allFiles, boolean storeIdentifiers) {

  public ExtractionOptions {
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }
    if (cohort == null || cohort.isBlank()) {
      throw new IllegalArgumentException("--cohort must not be empty");
    }
  }

  /** The options as the JSON recorded in an extraction's {@code job} row. */
  public String parametersJson() throws JsonProcessingException {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("source", source.toAbsolutePath().normalize().toString());
    parameters.put("cohort", cohort);
    parameters.put("workers", workers);
    parameters.put("batch_size", batchSize);
    parameters.put("resume", resume);
    parameters.put("all_files", allFiles);
    parameters.put("store_identifiers", storeIdentifiers);
    return new ObjectMapper().writeValueAsString(parameters);
  }
}
