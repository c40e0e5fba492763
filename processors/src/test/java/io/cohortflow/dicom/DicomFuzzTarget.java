package io.cohortflow.dicom;

import java.util.List;

/**
 * The body shared by the fuzz test and the random-input test: read bytes with every reader
 * configuration and touch every decoded value. Only {@link DicomParseException} may come out.
 */
final class DicomFuzzTarget {
  private static final DicomReader[] READERS = {
    DicomReader.fullReader().withMaxInflatedBytes(4 * 1024 * 1024),
    ExtractionTags.reader().withMaxInflatedBytes(4 * 1024 * 1024),
  };

  private DicomFuzzTarget() {}

  static void readFully(byte[] bytes) {
    for (DicomReader reader : READERS) {
      try {
        DicomFile file = reader.read(bytes, "fuzz");
        touch(file.fileMeta());
        touch(file.dataset());
      } catch (DicomParseException expected) {
        // the one allowed outcome for bad input
      }
    }
  }

  private static void touch(DicomObject ds) {
    for (int i = 0; i < ds.size(); i++) {
      int tag = ds.tagAt(i);
      ds.stringsAt(i);
      ds.getDoubles(tag);
      ds.getInts(tag);
      ds.getTags(tag);
      ds.getDate(tag);
      ds.getTime(tag);
      ds.getDateTime(tag);
      ds.bytesAt(i);
      List<DicomObject> items = ds.itemsAt(i);
      for (DicomObject item : items) {
        touch(item);
      }
    }
  }
}
