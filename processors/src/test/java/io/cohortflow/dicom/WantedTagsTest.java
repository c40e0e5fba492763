package io.cohortflow.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The wanted-tag hash set agrees with a plain set, and its last tag compares unsigned. */
class WantedTagsTest {
  @Test
  void membershipMatchesAPlainSet() {
    int[] tags = ExtractionTags.tags();
    WantedTags wanted = new WantedTags(tags);
    Set<Integer> plain = new HashSet<>();
    Arrays.stream(tags).forEach(plain::add);
    Random random = new Random(1);
    for (int i = 0; i < 100_000; i++) {
      int tag = i < tags.length ? tags[i] : random.nextInt();
      assertThat(wanted.contains(tag)).isEqualTo(plain.contains(tag));
    }
    assertThat(wanted.last()).isEqualTo(Tag.RECONSTRUCTION_METHOD);
  }

  @Test
  void highGroupsAndTagZero() {
    WantedTags wanted = new WantedTags(new int[] {Tag.PIXEL_DATA, Tag.of(0xFFFC, 0xFFFC), 0});
    assertThat(wanted.last()).isEqualTo(Tag.of(0xFFFC, 0xFFFC));
    assertThat(wanted.contains(0)).isTrue();
    assertThat(wanted.contains(Tag.of(0xFFFC, 0xFFFC))).isTrue();
    assertThat(wanted.contains(Tag.ROWS)).isFalse();
    assertThat(new WantedTags(new int[] {Tag.ROWS}).contains(0)).isFalse();
  }
}
