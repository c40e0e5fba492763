package io.cohortflow.dicom;

/**
 * The set of tags a reader keeps, as an open-addressing hash table: a lookup per element costs a
 * multiply and usually one probe, where a binary search would cost several unpredictable branches.
 */
final class WantedTags {
  private static final int EMPTY = 0;

  private final int[] table;
  private final int mask;
  private final boolean containsZero;
  private final int last;

  WantedTags(int[] tags) {
    int capacity = Integer.highestOneBit(Math.max(4, tags.length * 4) - 1) << 1;
    table = new int[capacity];
    mask = capacity - 1;
    boolean zero = false;
    int max = 0;
    for (int tag : tags) {
      if (tag == EMPTY) {
        zero = true;
        continue;
      }
      int slot = slot(tag);
      while (table[slot] != EMPTY && table[slot] != tag) {
        slot = (slot + 1) & mask;
      }
      table[slot] = tag;
      if (Integer.compareUnsigned(tag, max) > 0) {
        max = tag;
      }
    }
    containsZero = zero;
    last = max;
  }

  boolean contains(int tag) {
    if (tag == EMPTY) {
      return containsZero;
    }
    for (int slot = slot(tag); ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == tag) {
        return true;
      }
      if (entry == EMPTY) {
        return false;
      }
    }
  }

  /** The highest wanted tag (tags compare unsigned). */
  int last() {
    return last;
  }

  private int slot(int tag) {
    return ((tag * 0x9E3779B9) >>> 16) & mask;
  }
}
