package io.cohortflow.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** DA, TM and DT parse leniently: standard and ACR-NEMA forms, null for anything else. */
class DicomDatesTest {
  @Test
  void dates() {
    assertThat(DicomDates.parseDate("20240229")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(DicomDates.parseDate("2024.03.01")).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(DicomDates.parseDate("20230229")).isNull();
    assertThat(DicomDates.parseDate("2024")).isNull();
    assertThat(DicomDates.parseDate("yesterday")).isNull();
    assertThat(DicomDates.parseDate(null)).isNull();
  }

  @Test
  void times() {
    assertThat(DicomDates.parseTime("07")).isEqualTo(LocalTime.of(7, 0));
    assertThat(DicomDates.parseTime("0712")).isEqualTo(LocalTime.of(7, 12));
    assertThat(DicomDates.parseTime("071233.5")).isEqualTo(LocalTime.of(7, 12, 33, 500_000_000));
    assertThat(DicomDates.parseTime("07:12:33")).isEqualTo(LocalTime.of(7, 12, 33));
    assertThat(DicomDates.parseTime("235960")).isEqualTo(LocalTime.of(23, 59, 59));
    assertThat(DicomDates.parseTime("2561")).isNull();
    assertThat(DicomDates.parseTime("1.5")).isNull();
    assertThat(DicomDates.parseTime("abc")).isNull();
  }

  @Test
  void dateTimes() {
    assertThat(DicomDates.parseDateTime("20240312101500.25+0100"))
        .isEqualTo(LocalDateTime.of(2024, 3, 12, 10, 15, 0, 250_000_000));
    assertThat(DicomDates.parseDateTime("2024")).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
    assertThat(DicomDates.parseDateTime("202403121")).isNull();
    assertThat(DicomDates.parseDateTime("garbage")).isNull();
  }
}
