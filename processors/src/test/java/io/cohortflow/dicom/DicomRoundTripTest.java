package io.cohortflow.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link DicomWriter} writes reads back identically, with a correct file meta group. */
class DicomRoundTripTest {

  /** A dataset with every VR, a private block and nested sequences. */
  static DicomObject everyVr() {
    DicomObject ds = new DicomObject();
    ds.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 100");
    ds.putString(Tag.IMAGE_TYPE, VR.CS, "ORIGINAL", "PRIMARY");
    ds.putString(Tag.SOP_CLASS_UID, VR.UI, "1.2.840.10008.5.1.4.1.1.4");
    ds.putString(Tag.SOP_INSTANCE_UID, VR.UI, "2.25.1234567");
    ds.putString(Tag.STUDY_DATE, VR.DA, "20240312");
    ds.putString(Tag.STUDY_TIME, VR.TM, "101500.5");
    ds.putString(Tag.of(0x0008, 0x002A), VR.DT, "20240312101500");
    ds.putString(Tag.of(0x0008, 0x0054), VR.AE, "STORESCP");
    ds.putString(Tag.PATIENT_AGE, VR.AS, "054Y");
    ds.putString(Tag.of(0x0008, 0x0090), VR.PN, "Müller^Jörg");
    ds.putString(Tag.STATION_NAME, VR.SH, "ST1");
    ds.putString(Tag.INSTITUTION_NAME, VR.LO, "Hôpital");
    ds.putString(Tag.of(0x0008, 0x0081), VR.ST, "Rue 1\r\nParis");
    ds.putString(Tag.of(0x0008, 0x0120), VR.UR, "http://example.org/x");
    ds.putString(Tag.of(0x0010, 0x4000), VR.LT, "Comments");
    ds.putString(Tag.of(0x0018, 0x9185), VR.ST, "odd");
    ds.putString(Tag.of(0x0040, 0xA160), VR.UT, "long text");
    ds.putString(Tag.of(0x0008, 0x0119), VR.UC, "code", "value");
    ds.putNumbers(Tag.SLICE_THICKNESS, VR.DS, 1.25);
    ds.putNumbers(Tag.SERIES_NUMBER, VR.IS, 7);
    ds.putNumbers(Tag.ROWS, VR.US, 512);
    ds.putNumbers(Tag.PIXEL_REPRESENTATION, VR.US, 0);
    ds.putNumbers(Tag.of(0x0028, 0x0106), VR.US, 0);
    ds.putNumbers(Tag.of(0x0018, 0x9219), VR.SS, -3);
    ds.putNumbers(Tag.of(0x0018, 0x6016), VR.UL, 4_000_000_000L);
    ds.putNumbers(Tag.of(0x0018, 0x6020), VR.SL, -70000);
    ds.putNumbers(Tag.of(0x0018, 0x9089), VR.FD, 0.5, -0.5, 0.70710678118);
    ds.putNumbers(Tag.of(0x0018, 0x0013), VR.FL, 1.5f);
    ds.putNumbers(Tag.of(0x0072, 0x0082), VR.SV, -5);
    ds.putNumbers(Tag.of(0x0072, 0x0083), VR.UV, 5);
    ds.putTags(Tag.of(0x0020, 0x9165), Tag.PATIENT_ID, Tag.MODALITY);
    ds.putBytes(Tag.of(0x0066, 0x0040), VR.OL, new byte[] {1, 0, 0, 0});
    ds.putBytes(Tag.of(0x0066, 0x0023), VR.OW, new byte[] {1, 2, 3, 4});
    ds.putBytes(Tag.of(0x0066, 0x0016), VR.OF, new byte[] {0, 0, (byte) 0x80, 0x3F});
    ds.putBytes(Tag.of(0x0066, 0x0022), VR.OD, new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F});
    ds.putBytes(Tag.of(0x0072, 0x0081), VR.OV, new byte[] {9, 0, 0, 0, 0, 0, 0, 0});
    ds.putString(Tag.of(0x0029, 0x0010), VR.LO, "ACME 1.0");
    ds.putBytes(Tag.of(0x0029, 0x1001), VR.OB, new byte[] {1, 2, 3});
    ds.putBytes(Tag.of(0x0029, 0x1002), VR.UN, new byte[] {4, 5});
    DicomObject code = ds.newItem().putString(Tag.of(0x0008, 0x0100), VR.SH, "C-B1031");
    DicomObject nuclide = ds.newItem().putString(Tag.RADIOPHARMACEUTICAL, VR.LO, "FDG")
        .putNumbers(Tag.RADIONUCLIDE_TOTAL_DOSE, VR.DS, 3.7e8)
        .putNumbers(Tag.RADIONUCLIDE_HALF_LIFE, VR.DS, 6586.2);
    nuclide.putSequence(Tag.of(0x0054, 0x0300), List.of(code));
    ds.putSequence(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE, List.of(nuclide, ds.newItem()));
    ds.putBytes(Tag.PIXEL_DATA, VR.OW, new byte[] {1, 0, 2, 0});
    return ds;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void writtenFilesReadBackIdentically(boolean implicit, @TempDir Path dir) throws Exception {
    DicomObject original = everyVr();
    DicomWriter writer = implicit ? DicomWriter.implicitVrLittleEndian() : DicomWriter.explicitVrLittleEndian();
    Path path = dir.resolve("every-vr.dcm");
    writer.write(path, original);
    DicomFile read = DicomReader.fullReader().read(path);
    assertThat(read.hasPreamble()).isTrue();
    assertThat(read.transferSyntaxUid()).isEqualTo(writer.transferSyntaxUid());
    assertThat(read.implementationClassUid()).isEqualTo(DicomWriter.IMPLEMENTATION_CLASS_UID);
    assertThat(read.implementationVersionName()).isEqualTo(DicomWriter.IMPLEMENTATION_VERSION_NAME);
    assertThat(read.sopInstanceUid()).isEqualTo("2.25.1234567");
    assertThat(read.fileMeta().getString(Tag.MEDIA_STORAGE_SOP_CLASS_UID)).isEqualTo("1.2.840.10008.5.1.4.1.1.4");
    assertThat(read.fileMeta().getInt(Tag.FILE_META_INFORMATION_GROUP_LENGTH))
        .isEqualTo(metaGroupLength(Files.readAllBytes(path)));
    assertSameContent(original, read.dataset(), implicit);
    DicomObject ds = read.dataset();
    assertThat(ds.getString(Tag.of(0x0008, 0x0090))).isEqualTo("Müller^Jörg");
    assertThat(ds.getStrings(Tag.of(0x0008, 0x0119))).containsExactly("code", "value");
    assertThat(ds.getString(Tag.of(0x0008, 0x0081))).isEqualTo("Rue 1\r\nParis");
    assertThat(ds.getDoubles(Tag.of(0x0018, 0x9089))).containsExactly(0.5, -0.5, 0.70710678118);
    assertThat(ds.getDouble(Tag.of(0x0018, 0x6016))).isEqualTo(4.0e9);
    assertThat(ds.getInt(Tag.of(0x0018, 0x6020))).isEqualTo(-70000);
    assertThat(ds.getInt(Tag.of(0x0018, 0x9219))).isEqualTo(-3);
    assertThat(ds.getTags(Tag.of(0x0020, 0x9165))).containsExactly(Tag.PATIENT_ID, Tag.MODALITY);
    assertThat(ds.getDate(Tag.STUDY_DATE)).isEqualTo(java.time.LocalDate.of(2024, 3, 12));
    assertThat(ds.getSequence(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE).get(0)
        .getSequence(Tag.of(0x0054, 0x0300)).get(0).getString(Tag.of(0x0008, 0x0100))).isEqualTo("C-B1031");
  }

  /** The explicit VR LE group length element's value must equal the bytes of the rest of group 2. */
  private static int metaGroupLength(byte[] file) {
    int pos = 132 + 12;
    while (Bytes.uint16(file, pos, false) == 2) {
      boolean longLength = VR.fromBytes(file[pos + 4], file[pos + 5]).hasLongLength();
      pos += longLength ? 12 + Bytes.int32(file, pos + 8, false) : 8 + Bytes.uint16(file, pos + 6, false);
    }
    return pos - (132 + 12);
  }

  static void assertSameContent(DicomObject expected, DicomObject actual, boolean implicit) {
    assertThat(actual.size()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      int tag = expected.tagAt(i);
      assertThat(actual.tagAt(i)).isEqualTo(tag);
      boolean vrKept = !implicit || !(Tag.isPrivate(tag) && !Tag.isPrivateCreator(tag));
      if (vrKept) {
        assertThat(actual.vrAt(i)).as(Tag.toString(tag)).isEqualTo(expected.vrAt(i));
      }
      if (expected.vrAt(i) == VR.SQ) {
        List<DicomObject> items = expected.itemsAt(i);
        assertThat(actual.itemsAt(i)).hasSize(items.size());
        for (int k = 0; k < items.size(); k++) {
          assertSameContent(items.get(k), actual.itemsAt(i).get(k), implicit);
        }
      } else if (expected.vrAt(i).isText()) {
        assertThat(actual.stringsAt(i)).as(Tag.toString(tag)).containsExactly(expected.stringsAt(i));
      } else {
        byte[] bytes = expected.bytesAt(i);
        byte[] padded = (bytes.length & 1) == 1 ? java.util.Arrays.copyOf(bytes, bytes.length + 1) : bytes;
        assertThat(actual.bytesAt(i)).as(Tag.toString(tag)).isEqualTo(padded);
      }
    }
  }

  @Test
  void aDatasetWithoutSopUidsCannotBeWritten() {
    assertThatThrownBy(() -> DicomWriter.explicitVrLittleEndian().toBytes(new DicomObject()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOPClassUID");
  }

  @Test
  void bigEndianInputIsWrittenAsLittleEndian() throws Exception {
    DicomBytes be = DicomBytes.bigEndian();
    be.explicitText(Tag.SOP_CLASS_UID, "UI", "1.2.3");
    be.explicitText(Tag.SOP_INSTANCE_UID, "UI", "1.2.3.4");
    be.explicitHeader(Tag.ROWS, "US", 2).u16(300);
    be.explicitHeader(Tag.of(0x0018, 0x9089), "FD", 8).raw(new byte[] {0x3F, (byte) 0xF0, 0, 0, 0, 0, 0, 0});
    DicomObject read = DicomReader.headerReader().read(DicomEncodingsTest.concat(
        DicomBytes.part10(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN), be), "be").dataset();
    DicomObject again = DicomReader.headerReader().read(DicomWriter.explicitVrLittleEndian().toBytes(read), "le").dataset();
    assertThat(again.isBigEndian()).isFalse();
    assertThat(again.getInt(Tag.ROWS)).isEqualTo(300);
    assertThat(again.getDoubles(Tag.of(0x0018, 0x9089))).containsExactly(1.0);
  }

  @Test
  void writingReplacesAtomicallyAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("a.dcm");
    Files.writeString(path, "old");
    DicomWriter.explicitVrLittleEndian().write(path, everyVr());
    try (var listing = Files.list(dir)) {
      assertThat(listing.toList()).containsExactly(path);
    }
    assertThat(DicomReader.headerReader().read(path).dataset().getString(Tag.STATION_NAME)).isEqualTo("ST1");
  }
}
