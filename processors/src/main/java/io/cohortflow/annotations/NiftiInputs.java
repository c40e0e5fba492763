package io.cohortflow.annotations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the inputs of a dataset run as nidataset does: the {@code .nii.gz} and {@code .nii} files
 * directly in a folder, sorted by code point, other files ignored; and checks a single input file.
 * Problems are {@link AnnotationUsageException}s with nidataset's messages.
 */
public final class NiftiInputs {
  private NiftiInputs() {}

  /** The NIfTI files of a folder, in nidataset's order. */
  public static List<Path> listFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new AnnotationUsageException("the input folder '" + folder + "' does not exist");
    }
    List<Path> files;
    try (Stream<Path> entries = Files.list(folder)) {
      files = entries.filter(Files::isRegularFile).filter(p -> isNiftiName(p.getFileName().toString()))
          .sorted(Comparator.comparing(p -> p.getFileName().toString(), NiftiInputs::compareCodePoints))
          .toList();
    }
    if (files.isEmpty()) {
      throw new AnnotationUsageException("no NIfTI files found in '" + folder + "'");
    }
    return files;
  }

  /** Checks that a single input exists and has a NIfTI name. */
  public static Path checkFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new AnnotationUsageException("the input file '" + file + "' does not exist");
    }
    if (!isNiftiName(file.getFileName().toString())) {
      throw new AnnotationUsageException("invalid file format for '" + file
          + "': expected a .nii or .nii.gz file");
    }
    return file;
  }

  /** Where a file's outputs go: {@code out/<name without extension>/<view>/} or {@code out/<view>/}. */
  public static Path outputFolder(Path outputDir, SavingMode mode, View view, Path file) {
    return mode == SavingMode.CASE
        ? outputDir.resolve(AnnotationWriter.stem(file.getFileName().toString())).resolve(view.label())
        : outputDir.resolve(view.label());
  }

  static boolean isNiftiName(String name) {
    return name.endsWith(".nii.gz") || name.endsWith(".nii");
  }

  private static int compareCodePoints(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    return Arrays.compare(x, y);
  }
}
