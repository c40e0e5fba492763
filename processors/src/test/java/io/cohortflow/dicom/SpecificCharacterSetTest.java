package io.cohortflow.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Character sets, with the examples of DICOM PS3.5 Annex H, I and J. */
class SpecificCharacterSetTest {

  private static String personName(String charsetTerms, byte[] value) throws Exception {
    DicomBytes b = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    b.explicit(Tag.SPECIFIC_CHARACTER_SET, "CS", DicomBytes.padded(charsetTerms, (byte) ' '));
    b.explicit(Tag.PATIENT_NAME, "PN", value);
    return DicomReader.headerReader().read(b.toByteArray(), "charset").dataset().getString(Tag.PATIENT_NAME);
  }

  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
      } else {
        for (int v : (int[]) part) {
          out.write(v);
        }
      }
    }
    return out.toByteArray();
  }

  @Test
  void japaneseIso2022WithJisX0208() throws Exception {
    byte[] value = bytes("Yamada^Tarou=\u001b$B;3ED\u001b(B^\u001b$BB@O:\u001b(B=\u001b$B$d$^$@\u001b(B^\u001b$B$?$m$&\u001b(B");
    assertThat(personName("\\ISO 2022 IR 87", value)).isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
  }

  @Test
  void japaneseKatakanaJisX0201() throws Exception {
    byte[] value = bytes(new int[] {0xD4, 0xCF, 0xC0, 0xDE, '^', 0xC0, 0xDB, 0xB3},
        "=\u001b$B;3ED\u001b(J^\u001b$BB@O:\u001b(J=\u001b$B$d$^$@\u001b(J^\u001b$B$?$m$&\u001b(J");
    assertThat(personName("ISO 2022 IR 13\\ISO 2022 IR 87", value))
        .isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
  }

  @Test
  void koreanIso2022WithKsX1001() throws Exception {
    byte[] value = bytes("Hong^Gildong=\u001b$)C", new int[] {0xFB, 0xF3}, "^\u001b$)C",
        new int[] {0xD1, 0xCE, 0xD4, 0xD7}, "=\u001b$)C", new int[] {0xC8, 0xAB}, "^\u001b$)C",
        new int[] {0xB1, 0xE6, 0xB5, 0xBF});
    assertThat(personName("\\ISO 2022 IR 149", value)).isEqualTo("Hong^Gildong=洪^吉洞=홍^길동");
  }

  @Test
  void singleByteSetsUtf8AndChineseSets() throws Exception {
    assertThat(personName("ISO_IR 100", "Buc^Jérôme".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("Buc^Jérôme");
    assertThat(personName("ISO_IR 126", "Διονυσιος ".getBytes(Charset.forName("ISO-8859-7")))).isEqualTo("Διονυσιος");
    assertThat(personName("ISO_IR 144", "Люкceмбypг".getBytes(Charset.forName("ISO-8859-5")))).isEqualTo("Люкceмбypг");
    assertThat(personName("ISO_IR 192", "Wang^XiaoDong=王^小东=".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("Wang^XiaoDong=王^小东");
    assertThat(personName("GB18030", "Wang^XiaoDong=王^小东=".getBytes(Charset.forName("GB18030"))))
        .isEqualTo("Wang^XiaoDong=王^小东");
    assertThat(personName("GBK", "王^小东".getBytes(Charset.forName("GBK")))).isEqualTo("王^小东");
  }

  @Test
  void sloppyAndUnknownTermsFallBack() {
    assertThat(SpecificCharacterSet.of("ISO-IR 100").primary()).isEqualTo(StandardCharsets.ISO_8859_1);
    assertThat(SpecificCharacterSet.of("ISO_IR 192").primary()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(SpecificCharacterSet.of("NOT A CHARSET").primary()).isEqualTo(StandardCharsets.ISO_8859_1);
    assertThat(SpecificCharacterSet.of().primary()).isEqualTo(StandardCharsets.ISO_8859_1);
  }

  @Test
  void sequenceItemsInheritOrOverrideTheCharacterSet() throws Exception {
    DicomObject ds = new DicomObject();
    ds.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
    DicomObject inherits = ds.newItem().putString(Tag.PATIENT_NAME, VR.PN, "Ærø^Ünal");
    ds.putSequence(Tag.of(0x0008, 0x1115), java.util.List.of(inherits));
    ds.putString(Tag.SOP_CLASS_UID, VR.UI, "1.2.3").putString(Tag.SOP_INSTANCE_UID, VR.UI, "1.2.3.4");
    byte[] written = DicomWriter.explicitVrLittleEndian().toBytes(ds);
    DicomObject read = DicomReader.headerReader().read(written, "items").dataset();
    assertThat(read.getSequence(Tag.of(0x0008, 0x1115)).get(0).getString(Tag.PATIENT_NAME)).isEqualTo("Ærø^Ünal");
  }
}
