package io.cohortflow.dicom;

import java.io.IOException;

/**
 * The one exception the DICOM reader throws for bad input: not DICOM, truncated, impossible lengths,
 * too deeply nested, deflate bombs. It names the file, the byte offset where reading failed and the
 * reason, so a batch can report the file and carry on.
 */
public final class DicomParseException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long offset;
  private final String reason;

  public DicomParseException(String source, long offset, String reason) {
    super(source + ": " + reason + " (at byte offset " + offset + ")");
    this.source = source;
    this.offset = offset;
    this.reason = reason;
  }

  public DicomParseException(String source, long offset, String reason, Throwable cause) {
    this(source, offset, reason);
    initCause(cause);
  }

  /** The file path (or the name given for an in-memory buffer). */
  public String source() {
    return source;
  }

  /** The byte offset in the file (in the inflated dataset for deflated files) where reading failed. */
  public long offset() {
    return offset;
  }

  public String reason() {
    return reason;
  }
}
