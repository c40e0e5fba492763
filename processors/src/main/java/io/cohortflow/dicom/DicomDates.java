package io.cohortflow.dicom;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Lenient parsing of DA, TM and DT values: the standard forms plus the old ACR-NEMA ones
 * ({@code YYYY.MM.DD}, {@code HH:MM:SS}); anything else gives null rather than an exception.
 */
public final class DicomDates {
  private DicomDates() {}

  /** {@code YYYYMMDD} or {@code YYYY.MM.DD}; null when invalid. */
  public static LocalDate parseDate(String value) {
    if (value == null) {
      return null;
    }
    String s = value.trim();
    if (s.length() == 10 && s.charAt(4) == '.' && s.charAt(7) == '.') {
      s = s.substring(0, 4) + s.substring(5, 7) + s.substring(8);
    }
    if (s.length() != 8 || !allDigits(s, 0, 8)) {
      return null;
    }
    try {
      return LocalDate.of(num(s, 0, 4), num(s, 4, 6), num(s, 6, 8));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** {@code HH[MM[SS[.FFFFFF]]]} or {@code HH:MM[:SS[.F]]}; null when invalid. */
  public static LocalTime parseTime(String value) {
    if (value == null) {
      return null;
    }
    String s = value.trim();
    if (s.indexOf(':') > 0) {
      s = s.replace(":", "");
    }
    int dot = s.indexOf('.');
    String whole = dot < 0 ? s : s.substring(0, dot);
    String fraction = dot < 0 ? "" : s.substring(dot + 1);
    if (whole.length() < 2 || whole.length() > 6 || whole.length() % 2 != 0 || !allDigits(whole, 0, whole.length())
        || fraction.length() > 9 || !allDigits(fraction, 0, fraction.length())) {
      return null;
    }
    try {
      int hour = num(whole, 0, 2);
      int minute = whole.length() >= 4 ? num(whole, 2, 4) : 0;
      int second = whole.length() == 6 ? Math.min(num(whole, 4, 6), 59) : 0;
      int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
      return LocalTime.of(hour, minute, second, nanos);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** {@code YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX]}, the offset ignored; null when invalid. */
  public static LocalDateTime parseDateTime(String value) {
    if (value == null) {
      return null;
    }
    String s = value.trim();
    int offset = Math.max(s.indexOf('+', 1), s.indexOf('-', 1));
    if (offset > 0) {
      s = s.substring(0, offset);
    }
    int dot = s.indexOf('.');
    String whole = dot < 0 ? s : s.substring(0, dot);
    if (whole.length() < 4 || whole.length() % 2 != 0 || whole.length() > 14 || !allDigits(whole, 0, whole.length())) {
      return null;
    }
    String date = whole.length() >= 8 ? whole.substring(0, 8) : (whole + "0101").substring(0, 8);
    LocalDate day = parseDate(date);
    if (day == null) {
      return null;
    }
    if (whole.length() <= 8) {
      return day.atStartOfDay();
    }
    LocalTime time = parseTime(whole.substring(8) + (dot < 0 ? "" : s.substring(dot)));
    return time == null ? null : day.atTime(time);
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int num(String s, int from, int to) {
    return Integer.parseInt(s, from, to, 10);
  }
}
