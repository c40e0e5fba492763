package io.cohortflow.nifti;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a readable NIfTI image: wrong magic, truncated data, an unsupported datatype,
 * dimensions that overflow or exceed the reader's voxel cap. The message names the file and the
 * reason, so a batch run can report it and carry on with the other files.
 */
public final class NiftiFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;
  private final String reason;

  public NiftiFormatException(Path path, String reason) {
    super(path + ": " + reason);
    this.path = path;
    this.reason = reason;
  }

  public NiftiFormatException(Path path, String reason, Throwable cause) {
    super(path + ": " + reason, cause);
    this.path = path;
    this.reason = reason;
  }

  /** The file that could not be read. */
  public Path path() {
    return path;
  }

  /** Why it could not be read, without the path. */
  public String reason() {
    return reason;
  }
}
