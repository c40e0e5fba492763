package io.cohortflow.extraction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymises PatientID as HMAC-SHA256 under a secret key, so the same patient gets the same
 * hash in every run and cohort without the ID being stored. The key comes from configuration, or
 * is generated once and kept (readable by the owner only) in the cohortflow data directory.
 */
public final class PatientIdentifiers {
  // Mac.getInstance and init cost more than parsing a header, so each thread keeps its own Mac;
  // files come subject by subject, so each thread also keeps the last ID and its hash.
  private final ThreadLocal<Mac> macs;
  private final ThreadLocal<String[]> lastHashed = ThreadLocal.withInitial(() -> new String[2]);

  private PatientIdentifiers(byte[] key) {
    byte[] secret = key.clone();
    this.macs = ThreadLocal.withInitial(() -> newMac(secret));
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }

  /** A hasher with the given secret (any text; its UTF-8 bytes are the key). */
  public static PatientIdentifiers withSecret(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("the identifier secret must not be empty");
    }
    return new PatientIdentifiers(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** The secret kept in {@code keyFile}, generated there (mode 600) on first use. */
  public static PatientIdentifiers fromKeyFile(Path keyFile) throws IOException {
    if (!Files.exists(keyFile)) {
      Files.createDirectories(keyFile.toAbsolutePath().getParent());
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      Path temp = Files.createTempFile(keyFile.toAbsolutePath().getParent(), ".key", ".tmp");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // best effort on file systems without POSIX permissions
      }
      Files.writeString(temp, HexFormat.of().formatHex(fresh), StandardOpenOption.WRITE);
      try {
        Files.move(temp, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        Files.deleteIfExists(temp);
      }
    }
    return withSecret(Files.readString(keyFile, StandardCharsets.UTF_8).trim());
  }

  /** The hex HMAC-SHA256 of {@code patientId}, or null when there is none. */
  public String hash(String patientId) {
    if (patientId == null || patientId.isEmpty()) {
      return null;
    }
    String[] last = lastHashed.get();
    if (!patientId.equals(last[0])) {
      last[1] = HexFormat.of().formatHex(
          macs.get().doFinal(patientId.getBytes(StandardCharsets.UTF_8)));
      last[0] = patientId;
    }
    return last[1];
  }
}
