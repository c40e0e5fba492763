package io.cohortflow.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Makes DICOM UIDs under the {@code 2.25} root (PS3.5 B.2): a random UUID written as one decimal
 * number, unique without a registered organisation root.
 */
public final class Uids {
  private Uids() {}

  /** A new random UID. */
  public static String create() {
    return fromUuid(UUID.randomUUID());
  }

  /** The UID of a given UUID (stable, so generated data can be reproducible). */
  public static String fromUuid(UUID uuid) {
    byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits()).array();
    return "2.25." + new BigInteger(1, bytes);
  }
}
