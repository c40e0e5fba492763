package io.cohortflow.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives a {@link DicomParseException} naming the file, the offset and the reason. */
class MalformedInputTest {
  private static final DicomReader READER = DicomReader.headerReader();

  private static DicomParseException failure(byte[] bytes) {
    try {
      DicomReader.fullReader().read(bytes, "bad.dcm");
    } catch (DicomParseException e) {
      return e;
    }
    throw new AssertionError("expected a DicomParseException");
  }

  @Test
  void aTextFileIsNotDicom(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("notes.txt");
    Files.writeString(path, "Hello, this is not a DICOM file at all.\n");
    assertThatThrownBy(() -> READER.read(path)).isInstanceOf(DicomParseException.class)
        .hasMessageStartingWith(path + ": not a DICOM file")
        .satisfies(e -> assertThat(((DicomParseException) e).source()).isEqualTo(path.toString()));
  }

  @Test
  void emptyAndTinyFilesAreNotDicom() {
    assertThat(failure(new byte[0]).reason()).contains("not a DICOM file");
    assertThat(failure(new byte[] {8, 0}).reason()).contains("too short");
  }

  @Test
  void aValueLongerThanTheFileIsReportedWithItsOffset() {
    DicomBytes b = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    b.explicitText(Tag.MODALITY, "CS", "CT");
    int offset = b.toByteArray().length;
    b.explicitHeader(Tag.STUDY_DESCRIPTION, "LO", 4000).raw("short".getBytes(StandardCharsets.US_ASCII));
    DicomParseException e = failure(b.toByteArray());
    assertThat(e.offset()).isEqualTo(offset);
    assertThat(e.reason()).contains("(0008,1030)").contains("4000 bytes").contains("runs past the end");
  }

  @Test
  void absurdLengthsAllocateNothing() {
    DicomBytes b = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    b.explicitHeader(Tag.of(0x0029, 0x1010), "OB", 0xFFFFFFF0L);
    assertThat(failure(b.toByteArray()).reason()).contains("4294967280 bytes");
    DicomBytes seq = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    seq.explicitHeader(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE, "SQ", 0xFFFFFFF0L).item(0xFFFFFFF0L);
    assertThat(failure(seq.toByteArray()).reason()).contains("runs past the end");
    DicomBytes item = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    item.explicitHeader(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE, "SQ", 0xFFFFFFFFL).item(0x7FFFFFF0L);
    assertThat(failure(item.toByteArray()).reason()).contains("item");
  }

  @Test
  void everyTruncationOfAWrittenFileIsReadOrReported() throws Exception {
    byte[] whole = DicomWriter.explicitVrLittleEndian().toBytes(DicomRoundTripTest.everyVr());
    int reported = 0;
    for (int length = 0; length < whole.length; length++) {
      try {
        DicomReader.fullReader().read(Arrays.copyOf(whole, length), "cut.dcm");
      } catch (DicomParseException e) {
        assertThat(e.source()).isEqualTo("cut.dcm");
        assertThat(e.offset()).isBetween(0L, (long) length);
        reported++;
      }
    }
    assertThat(reported).as("most cuts fall inside an element").isGreaterThan(whole.length * 3 / 4);
  }

  @Test
  void deflateBombsStopAtTheCap() {
    byte[] zeros = new byte[8 * 1024 * 1024];
    DicomBytes body = DicomBytes.littleEndian();
    body.explicitHeader(Tag.of(0x0029, 0x1010), "OB", zeros.length).raw(zeros);
    byte[] file = DicomEncodingsTest.concat(
        DicomBytes.part10(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN), DicomEncodingsTest.deflate(body.toByteArray()));
    assertThat(file.length).isLessThan(20_000);
    assertThatThrownBy(() -> READER.withMaxInflatedBytes(1024 * 1024).read(file, "bomb.dcm"))
        .isInstanceOf(DicomParseException.class).hasMessageContaining("inflates beyond the limit of 1048576 bytes");
  }

  @Test
  void anAbsurdLengthInASmallDeflatedDatasetIsNotCalledABomb() {
    DicomBytes body = DicomBytes.littleEndian();
    body.explicitHeader(Tag.of(0x0029, 0x1010), "OB", 0x7FFFFFF0L).raw(new byte[16]);
    byte[] file = DicomEncodingsTest.concat(
        DicomBytes.part10(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN), DicomEncodingsTest.deflate(body.toByteArray()));
    assertThat(failure(file).reason()).contains("runs past the end").contains("in the inflated dataset");
  }

  @Test
  void corruptDeflateDataIsReported() {
    byte[] file = DicomEncodingsTest.concat(DicomBytes.part10(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN),
        new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x12, 0x34});
    assertThat(failure(file).reason()).contains("deflated");
  }

  @Test
  void nestingDeeperThanTheCapIsRefused() throws Exception {
    int depth = 200;
    DicomBytes b = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    for (int i = 0; i < depth; i++) {
      b.explicitHeader(Tag.of(0x0040, 0xA730), "SQ", 0xFFFFFFFFL).item(0xFFFFFFFFL);
    }
    for (int i = 0; i < depth; i++) {
      b.itemEnd().sequenceEnd();
    }
    assertThat(failure(b.toByteArray()).reason()).contains("nested deeper than 32");
    assertThat(READER.withMaxDepth(250).read(b.toByteArray(), "deep").dataset().getSequence(Tag.of(0x0040, 0xA730)))
        .hasSize(1);
  }

  @Test
  void invalidExplicitVrAndStrayItemTagsAreReported() {
    DicomBytes b = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    b.explicitText(Tag.MODALITY, "CS", "CT");
    b.explicitHeader(Tag.MANUFACTURER, "ZZ", 2).raw(new byte[2]);
    assertThat(failure(b.toByteArray()).reason()).contains("invalid VR");
    DicomBytes item = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    item.explicitHeader(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE, "SQ", 16).explicitText(Tag.MODALITY, "CS", "CT")
        .raw(new byte[6]);
    assertThat(failure(item.toByteArray()).reason()).contains("expected an item");
  }

  @Test
  void randomBytesOnlyEverGiveTheTypedException() {
    Random random = new Random(20240312);
    byte[] valid = DicomWriter.explicitVrLittleEndian().toBytes(DicomRoundTripTest.everyVr());
    for (int round = 0; round < 3000; round++) {
      byte[] bytes;
      if (round % 2 == 0) {
        bytes = new byte[random.nextInt(600)];
        random.nextBytes(bytes);
      } else {
        bytes = valid.clone();
        for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
          bytes[132 + random.nextInt(bytes.length - 132)] = (byte) random.nextInt(256);
        }
      }
      DicomFuzzTarget.readFully(bytes);
    }
  }
}
