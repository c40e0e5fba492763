package io.cohortflow.extraction;

import io.cohortflow.store.Database;
import io.cohortflow.store.DatabaseSettings;
import java.nio.file.Path;

/** Test helper process: extracts slowly (batches of {@link #BATCH}) until it is killed. */
public final class SlowExtraction {
  static final int BATCH = 10;

  private SlowExtraction() {}

  public static void main(String[] args) throws Exception {
    DicomHeaderReader dicom = new DicomHeaderReader();
    HeaderReader slow = new HeaderReader() {
      @Override
      public InstanceRecord read(Path file, String relativePath) throws InvalidInstanceException {
        try {
          Thread.sleep(40);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return dicom.read(file, relativePath);
      }

      @Override
      public boolean hasDicomMagic(Path file) {
        return dicom.hasDicomMagic(file);
      }
    };
    String user = System.getenv().getOrDefault("COHORTFLOW_TEST_DB_USER", "root");
    String password = System.getenv().getOrDefault("COHORTFLOW_TEST_DB_PASSWORD", "");
    try (Database db = Database.open(DatabaseSettings.external(args[0], user, password), 4)) {
      ExtractionFixture.extract(db, Path.of(args[1]), "c", 2, BATCH, true, slow);
    }
  }
}
