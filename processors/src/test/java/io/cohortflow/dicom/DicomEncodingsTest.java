package io.cohortflow.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Each dataset encoding, raw datasets without meta, sequences and stop rules, on hand-made bytes. */
class DicomEncodingsTest {
  private static final DicomReader READER = DicomReader.headerReader();

  @Test
  void explicitBigEndianNumbersAndText() throws Exception {
    DicomBytes b = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
    DicomBytes body = DicomBytes.bigEndian();
    body.explicitText(Tag.MODALITY, "CS", "MR");
    body.explicitHeader(Tag.ROWS, "US", 2).u16(0x0102);
    body.explicitHeader(Tag.of(0x0018, 0x9087), "FD", 8).raw(new byte[] {0x40, 0x59, 0, 0, 0, 0, 0, 0});
    body.explicitHeader(Tag.of(0x0028, 0x0106), "SS", 2).u16(0xFFFE);
    DicomFile file = READER.read(concat(b, body), "be");
    assertThat(file.encoding()).isEqualTo(DicomFile.Encoding.EXPLICIT_VR_BIG_ENDIAN);
    assertThat(file.dataset().getString(Tag.MODALITY)).isEqualTo("MR");
    assertThat(file.dataset().getInt(Tag.ROWS)).isEqualTo(0x0102);
    assertThat(file.dataset().getDouble(Tag.DIFFUSION_B_VALUE)).isEqualTo(100.0);
    assertThat(file.dataset().getInt(Tag.of(0x0028, 0x0106))).isEqualTo(-2);
  }

  @Test
  void implicitLittleEndianTakesVrFromDictionaryAndPrivateAsUn() throws Exception {
    DicomBytes b = DicomBytes.part10(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    b.implicitText(Tag.PATIENT_ID, "ID42");
    b.implicit(Tag.of(0x0029, 0x0010), DicomBytes.padded("ACME", (byte) ' '));
    b.implicit(Tag.of(0x0029, 0x1001), new byte[] {1, 2, 3, 4});
    b.implicit(Tag.PIXEL_REPRESENTATION, new byte[] {1, 0});
    b.implicit(Tag.of(0x0028, 0x0106), new byte[] {(byte) 0xFF, (byte) 0xFF});
    DicomObject ds = READER.read(b.toByteArray(), "implicit").dataset();
    assertThat(ds.vr(Tag.PATIENT_ID)).isEqualTo(VR.LO);
    assertThat(ds.getString(Tag.PATIENT_ID)).isEqualTo("ID42");
    assertThat(ds.vr(Tag.of(0x0029, 0x0010))).isEqualTo(VR.LO);
    assertThat(ds.vr(Tag.of(0x0029, 0x1001))).isEqualTo(VR.UN);
    assertThat(ds.getBytes(Tag.of(0x0029, 0x1001))).containsExactly(1, 2, 3, 4);
    assertThat(ds.vr(Tag.of(0x0028, 0x0106))).as("US or SS resolved by PixelRepresentation").isEqualTo(VR.SS);
    assertThat(ds.getInt(Tag.of(0x0028, 0x0106))).isEqualTo(-1);
  }

  @Test
  void aDatasetEncodedOtherwiseThanDeclaredIsReadAsItReallyIs() throws Exception {
    DicomBytes b = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    b.implicitText(Tag.MODALITY, "OT");
    b.implicitText(Tag.PATIENT_ID, "P7");
    DicomFile file = READER.read(b.toByteArray(), "mislabelled");
    assertThat(file.transferSyntaxUid()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    assertThat(file.encoding()).isEqualTo(DicomFile.Encoding.IMPLICIT_VR_LITTLE_ENDIAN);
    assertThat(file.dataset().getString(Tag.PATIENT_ID)).isEqualTo("P7");
  }

  @Test
  void deflatedExplicitLittleEndian() throws Exception {
    DicomBytes body = DicomBytes.littleEndian();
    body.explicitText(Tag.PATIENT_NAME, "PN", "Deflated^Dora");
    body.explicitText(Tag.STUDY_DESCRIPTION, "LO", "X".repeat(3000));
    DicomFile file = READER.read(concat(DicomBytes.part10(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN),
        deflate(body.toByteArray())), "deflated");
    assertThat(file.encoding()).isEqualTo(DicomFile.Encoding.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
    assertThat(file.dataset().getString(Tag.PATIENT_NAME)).isEqualTo("Deflated^Dora");
    assertThat(file.dataset().getString(Tag.STUDY_DESCRIPTION)).hasSize(3000);
  }

  @Test
  void deflatedFileLongerThanTheFirstReadIsInflatedAcrossReads(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    byte[] noise = new byte[100_000];
    new java.util.Random(5).nextBytes(noise);
    DicomBytes body = DicomBytes.littleEndian();
    body.explicitText(Tag.of(0x0009, 0x0010), "LO", "NOISE");
    body.explicit(Tag.of(0x0009, 0x1001), "OB", noise);
    body.explicitText(Tag.PATIENT_NAME, "PN", "After^Noise");
    java.nio.file.Path file = dir.resolve("deflated.dcm");
    java.nio.file.Files.write(file, concat(DicomBytes.part10(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN),
        deflate(body.toByteArray())));
    DicomObject ds = READER.read(file).dataset();
    assertThat(ds.getString(Tag.PATIENT_NAME)).isEqualTo("After^Noise");
    assertThat(ds.getBytes(Tag.of(0x0009, 0x1001))).isEqualTo(noise);
  }

  @Test
  void rawDatasetsWithoutPreambleOrMetaAreDetected() throws Exception {
    DicomBytes implicit = DicomBytes.littleEndian();
    implicit.implicitText(Tag.SPECIFIC_CHARACTER_SET, "ISO_IR 100");
    implicit.implicitText(Tag.MODALITY, "CT");
    DicomFile file = READER.read(implicit.toByteArray(), "raw-implicit");
    assertThat(file.hasPreamble()).isFalse();
    assertThat(file.fileMeta().isEmpty()).isTrue();
    assertThat(file.encoding()).isEqualTo(DicomFile.Encoding.IMPLICIT_VR_LITTLE_ENDIAN);
    assertThat(file.dataset().getString(Tag.MODALITY)).isEqualTo("CT");

    DicomBytes explicitBe = DicomBytes.bigEndian();
    explicitBe.explicitText(Tag.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 100");
    explicitBe.explicitText(Tag.MODALITY, "CS", "PT");
    DicomFile be = READER.read(explicitBe.toByteArray(), "raw-be");
    assertThat(be.encoding()).isEqualTo(DicomFile.Encoding.EXPLICIT_VR_BIG_ENDIAN);
    assertThat(be.dataset().getString(Tag.MODALITY)).isEqualTo("PT");
  }

  @Test
  void nestedSequencesOfDefinedAndUndefinedLength() throws Exception {
    DicomBytes b = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    b.explicitHeader(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE, "SQ", 0xFFFFFFFFL);
    b.item(0xFFFFFFFFL);
    b.explicitText(Tag.RADIOPHARMACEUTICAL, "LO", "Fluorodeoxyglucose");
    byte[] inner = DicomBytes.littleEndian().explicitText(Tag.of(0x0008, 0x0100), "SH", "C-B1031").toByteArray();
    b.explicitHeader(Tag.of(0x0054, 0x0300), "SQ", 8 + inner.length).item(inner.length).raw(inner);
    b.explicitText(Tag.RADIONUCLIDE_TOTAL_DOSE, "DS", "370000000");
    b.itemEnd();
    b.item(0);
    b.sequenceEnd();
    b.explicitText(Tag.SERIES_TYPE, "CS", "STATIC\\IMAGE");
    DicomObject ds = READER.read(b.toByteArray(), "seq").dataset();
    var items = ds.getSequence(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE);
    assertThat(items).hasSize(2);
    assertThat(items.get(0).getString(Tag.RADIOPHARMACEUTICAL)).isEqualTo("Fluorodeoxyglucose");
    assertThat(items.get(0).getDouble(Tag.RADIONUCLIDE_TOTAL_DOSE)).isEqualTo(3.7e8);
    assertThat(items.get(0).getSequence(Tag.of(0x0054, 0x0300)).get(0).getString(Tag.of(0x0008, 0x0100)))
        .isEqualTo("C-B1031");
    assertThat(items.get(1).isEmpty()).isTrue();
    assertThat(ds.getStrings(Tag.SERIES_TYPE)).containsExactly("STATIC", "IMAGE");
  }

  @Test
  void unknownVrWithUndefinedLengthIsAnImplicitLittleEndianSequence() throws Exception {
    DicomBytes b = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    b.explicitHeader(Tag.of(0x0009, 0x1010), "UN", 0xFFFFFFFFL);
    b.item(0xFFFFFFFFL).implicitText(Tag.PATIENT_ID, "INNER").itemEnd().sequenceEnd();
    b.explicitText(Tag.of(0x0010, 0x0040), "CS", "M");
    DicomObject ds = READER.read(b.toByteArray(), "un-seq").dataset();
    assertThat(ds.vr(Tag.of(0x0009, 0x1010))).isEqualTo(VR.SQ);
    assertThat(ds.getSequence(Tag.of(0x0009, 0x1010)).get(0).getString(Tag.PATIENT_ID)).isEqualTo("INNER");
    assertThat(ds.getString(Tag.PATIENT_SEX)).isEqualTo("M");
  }

  @Test
  void encapsulatedPixelDataIsSkippedUndecoded() throws Exception {
    DicomBytes b = DicomBytes.part10("1.2.840.10008.1.2.4.50");
    b.explicitText(Tag.ROWS, "US", "");
    b.explicitHeader(Tag.PIXEL_DATA, "OB", 0xFFFFFFFFL).item(0).item(4).raw(new byte[] {1, 2, 3, 4}).sequenceEnd();
    b.explicitText(Tag.of(0xFFFC, 0xFFFC), "OB", "");
    DicomFile full = DicomReader.fullReader().read(b.toByteArray(), "jpeg");
    int index = full.dataset().indexOf(Tag.PIXEL_DATA);
    assertThat(full.dataset().isEncapsulatedAt(index)).isTrue();
    assertThat(full.dataset().contains(Tag.of(0xFFFC, 0xFFFC))).isTrue();
    assertThat(full.dataset().tagAt(full.dataset().size() - 1)).as("tags sort unsigned").isEqualTo(Tag.of(0xFFFC, 0xFFFC));
    assertThat(full.dataset().contains(Tag.ROWS)).isTrue();
    assertThat(READER.read(b.toByteArray(), "jpeg").dataset().contains(Tag.PIXEL_DATA)).isFalse();
  }

  @Test
  void wantedTagsStopReadingAfterTheLastWantedTag() throws Exception {
    DicomBytes b = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    b.explicitText(Tag.MODALITY, "CS", "CT");
    b.explicitText(Tag.MANUFACTURER, "LO", "ACME");
    b.explicitText(Tag.PATIENT_ID, "LO", "P1");
    b.raw("garbage that is no element at all".getBytes(StandardCharsets.US_ASCII));
    byte[] bytes = b.toByteArray();
    DicomObject ds = READER.withWantedTags(Tag.MODALITY, Tag.PATIENT_ID).read(bytes, "stop").dataset();
    assertThat(ds.getString(Tag.MODALITY)).isEqualTo("CT");
    assertThat(ds.getString(Tag.PATIENT_ID)).isEqualTo("P1");
    assertThat(ds.contains(Tag.MANUFACTURER)).as("unwanted tags are not kept").isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> READER.read(bytes, "stop"))
        .isInstanceOf(DicomParseException.class);
  }

  @Test
  void textPaddingAndMultipleValues() throws Exception {
    DicomBytes b = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    b.explicit(Tag.IMAGE_TYPE, "CS", "ORIGINAL\\PRIMARY \\ AXIAL ".getBytes(StandardCharsets.US_ASCII));
    b.explicit(Tag.SOP_INSTANCE_UID, "UI", "1.2.3\0".getBytes(StandardCharsets.US_ASCII));
    b.explicit(Tag.PIXEL_SPACING, "DS", " 0.5\\.75 ".getBytes(StandardCharsets.US_ASCII));
    b.explicit(Tag.SERIES_NUMBER, "IS", "bad ".getBytes(StandardCharsets.US_ASCII));
    b.explicit(Tag.of(0x0020, 0x4000), "LT", "  line one\\two  ".getBytes(StandardCharsets.US_ASCII));
    DicomObject ds = READER.read(b.toByteArray(), "text").dataset();
    assertThat(ds.getStrings(Tag.IMAGE_TYPE)).containsExactly("ORIGINAL", "PRIMARY", "AXIAL");
    assertThat(ds.getString(Tag.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
    assertThat(ds.getDoubles(Tag.PIXEL_SPACING)).containsExactly(0.5, 0.75);
    assertThat(ds.getStrings(Tag.PIXEL_SPACING)).containsExactly("0.5", ".75");
    assertThat(ds.getInt(Tag.SERIES_NUMBER)).isNull();
    assertThat(ds.getString(Tag.SERIES_NUMBER)).isEqualTo("bad");
    assertThat(ds.getStrings(Tag.of(0x0020, 0x4000))).containsExactly("  line one\\two");
  }

  static byte[] concat(DicomBytes first, DicomBytes second) {
    return concat(first, second.toByteArray());
  }

  static byte[] concat(DicomBytes first, byte[] second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first.toByteArray());
    out.writeBytes(second);
    return out.toByteArray();
  }

  static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    while (!deflater.finished()) {
      out.write(chunk, 0, deflater.deflate(chunk));
    }
    deflater.end();
    return out.toByteArray();
  }
}
