package io.cohortflow.radiomics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A radiomics settings file in MEDimage's layout: one block per modality ({@code imParamCT},
 * {@code imParamMR}, {@code imParamPET}) with {@code interp}, {@code reSeg}, {@code discretisation}
 * (or {@code discretization}), {@code extract} and {@code approach}. Parsing is strict: an unknown
 * key is an error naming the key and its path, so a typo never silently falls back to a default.
 * The SHA-256 of the file's bytes identifies the settings in every output.
 */
public final class RadiomicsSettings {
  private static final Map<String, String> MODALITY_BLOCKS = Map.of(
      "imParamCT", "CT", "imParamMR", "MR", "imParamPET", "PET");

  private final Map<String, ModalitySettings> byModality;
  private final String hash;

  private RadiomicsSettings(Map<String, ModalitySettings> byModality, String hash) {
    this.byModality = byModality;
    this.hash = hash;
  }

  /** @throws RadiomicsException for an unreadable file or bad settings, naming the file */
  public static RadiomicsSettings read(Path file) {
    byte[] bytes;
    try {
      bytes = java.nio.file.Files.readAllBytes(file);
    } catch (IOException e) {
      throw new RadiomicsException("cannot read settings " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(bytes);
    } catch (RadiomicsException e) {
      throw new RadiomicsException("bad settings " + file + ": " + e.getMessage(), e);
    }
  }

  public static RadiomicsSettings parse(byte[] json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new RadiomicsException("not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new RadiomicsException("the settings must be a JSON object");
    }
    Map<String, ModalitySettings> blocks = new LinkedHashMap<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
      String key = it.next();
      String modality = MODALITY_BLOCKS.get(key);
      if (modality == null) {
        throw unknown(key, "", MODALITY_BLOCKS.keySet());
      }
      blocks.put(modality, modality(root.get(key), key));
    }
    if (blocks.isEmpty()) {
      throw new RadiomicsException("no modality block (imParamCT, imParamMR or imParamPET)");
    }
    return new RadiomicsSettings(blocks, sha256(json));
  }

  /** The block for a modality such as {@code CT}; PT is read as PET. */
  public ModalitySettings forModality(String modality) {
    String m = modality.toUpperCase(Locale.ROOT);
    ModalitySettings s = byModality.get(m.equals("PT") ? "PET" : m);
    if (s == null) {
      throw new RadiomicsException("the settings have no block for modality " + modality
          + " (have " + byModality.keySet() + ")");
    }
    return s;
  }

  /** The only block, for single-image runs without a modality. */
  public ModalitySettings single() {
    if (byModality.size() != 1) {
      throw new RadiomicsException("the settings have several modality blocks " + byModality.keySet()
          + ": say which modality the image is");
    }
    return byModality.values().iterator().next();
  }

  public String hash() {
    return hash;
  }

  private static ModalitySettings modality(JsonNode node, String path) {
    requireObject(node, path);
    checkKeys(node, path, Set.of("approach", "interp", "reSeg", "discretisation", "discretization",
        "extract"));
    JsonNode interp = node.path("interp");
    JsonNode reseg = node.path("reSeg");
    JsonNode disc = node.has("discretisation") ? node.get("discretisation")
        : node.path("discretization");
    String discPath = path + "." + (node.has("discretisation") ? "discretisation" : "discretization");
    if (!interp.isMissingNode()) {
      requireObject(interp, path + ".interp");
      checkKeys(interp, path + ".interp", Set.of("scale_non_text", "scale_text", "vol_interp",
          "gl_round", "roi_interp", "roi_pv"));
    }
    if (!reseg.isMissingNode()) {
      requireObject(reseg, path + ".reSeg");
      checkKeys(reseg, path + ".reSeg", Set.of("range", "outliers"));
    }
    if (!disc.isMissingNode()) {
      requireObject(disc, discPath);
      checkKeys(disc, discPath, Set.of("IH", "IVH", "texture"));
    }
    double[] range = range(reseg.path("range"), path + ".reSeg.range");
    String outliers = reseg.path("outliers").asText("");
    if (!outliers.isEmpty() && !outliers.equalsIgnoreCase("Collewet")) {
      throw new RadiomicsException(path + ".reSeg.outliers: '" + outliers
          + "' (expected \"\" or \"Collewet\")");
    }
    ProcessingSettings processing = new ProcessingSettings(
        spacing(interp.path("scale_non_text"), path + ".interp.scale_non_text"),
        interpolation(interp.path("vol_interp"), path + ".interp.vol_interp"),
        rounding(interp.path("gl_round"), path + ".interp.gl_round"),
        interpolation(interp.path("roi_interp"), path + ".interp.roi_interp"),
        number(interp.path("roi_pv"), 0.5, path + ".interp.roi_pv"),
        range[0], range[1], !outliers.isEmpty());
    List<double[]> textureSpacings = new ArrayList<>();
    JsonNode scaleText = interp.path("scale_text");
    if (scaleText.isArray() && scaleText.size() > 0 && scaleText.get(0).isArray()) {
      for (int i = 0; i < scaleText.size(); i++) {
        textureSpacings.add(spacing(scaleText.get(i), path + ".interp.scale_text[" + i + "]"));
      }
    } else if (!scaleText.isMissingNode() && !scaleText.isNull() && scaleText.size() > 0) {
      textureSpacings.add(spacing(scaleText, path + ".interp.scale_text"));
    }
    if (textureSpacings.isEmpty()) {
      textureSpacings.add(processing.spacing());
    }
    Set<FeatureFamily> families = families(node.path("extract"), path + ".extract");
    Discretisation histogram = discretisation(disc.path("IH"), discPath + ".IH");
    if (histogram == null && families.contains(FeatureFamily.INTENSITY_HISTOGRAM)) {
      throw new RadiomicsException(discPath + ".IH: missing (e.g. {\"type\": \"FBS\", \"val\": 25}),"
          + " needed by the IntensityHistogram family");
    }
    return new ModalitySettings(processing, textureSpacings, histogram,
        discretisation(disc.path("IVH"), discPath + ".IVH"),
        textureDiscretisations(disc.path("texture"), discPath + ".texture"),
        approach(node.path("approach"), path + ".approach"), families);
  }

  private static boolean approach(JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull()) {
      return false;
    }
    switch (node.asText()) {
      case "2D": return true;
      case "3D": return false;
      default: throw new RadiomicsException(path + ": '" + node.asText() + "' (expected \"2D\" or \"3D\")");
    }
  }

  private static Set<FeatureFamily> families(JsonNode node, String path) {
    Set<FeatureFamily> out = EnumSet.noneOf(FeatureFamily.class);
    if (node.isMissingNode() || node.isNull()) {
      out.addAll(EnumSet.allOf(FeatureFamily.class));
      return out;
    }
    requireObject(node, path);
    List<String> names = new ArrayList<>();
    for (FeatureFamily f : FeatureFamily.values()) {
      names.add(f.settingsName());
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String key = it.next();
      FeatureFamily f = FeatureFamily.ofSettingsName(key);
      if (f == null) {
        throw unknown(key, path, names);
      }
      JsonNode v = node.get(key);
      if (!v.isBoolean()) {
        throw new RadiomicsException(path + "." + key + ": expected true or false");
      }
      if (v.booleanValue()) {
        out.add(f);
      }
    }
    return out;
  }

  private static List<Discretisation> textureDiscretisations(JsonNode node, String path) {
    List<Discretisation> out = new ArrayList<>();
    if (node.isMissingNode() || node.isNull() || node.isEmpty()) {
      return out;
    }
    requireObject(node, path);
    checkKeys(node, path, Set.of("type", "val"));
    JsonNode type = node.path("type");
    JsonNode val = node.path("val");
    if (type.isArray()) {
      // MEDimage: "type": ["FBS", "FBN"], "val": [[25, 50], [32]]
      for (int i = 0; i < type.size(); i++) {
        JsonNode values = val.path(i);
        for (JsonNode v : values.isArray() ? values : List.of(values)) {
          out.add(discretisation(type.get(i), v, path));
        }
      }
    } else {
      for (JsonNode v : val.isArray() ? val : List.of(val)) {
        out.add(discretisation(type, v, path));
      }
    }
    return out;
  }

  /** {@code null} when absent or {@code {}}. */
  private static Discretisation discretisation(JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull() || (node.isObject() && node.isEmpty())) {
      return null;
    }
    requireObject(node, path);
    checkKeys(node, path, Set.of("type", "val"));
    return discretisation(node.path("type"), node.path("val"), path);
  }

  private static Discretisation discretisation(JsonNode type, JsonNode val, String path) {
    if (!type.isTextual() || !val.isNumber()) {
      throw new RadiomicsException(path + ": needs \"type\" (FBS or FBN) and a numeric \"val\"");
    }
    try {
      return Discretisation.parse(type.asText(), val.doubleValue());
    } catch (IllegalArgumentException e) {
      throw new RadiomicsException(path + ": " + e.getMessage(), e);
    }
  }

  private static double[] range(JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull()) {
      return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    }
    if (!node.isArray() || node.size() != 2) {
      throw new RadiomicsException(path + ": expected [min, max]");
    }
    double lo = bound(node.get(0), path);
    double hi = bound(node.get(1), path);
    if (lo > hi) {
      throw new RadiomicsException(path + ": min " + lo + " is above max " + hi);
    }
    return new double[] {lo, hi};
  }

  private static double bound(JsonNode node, String path) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    switch (node.asText().toLowerCase(Locale.ROOT)) {
      case "inf": case "+inf": return Double.POSITIVE_INFINITY;
      case "-inf": return Double.NEGATIVE_INFINITY;
      default: throw new RadiomicsException(path + ": '" + node.asText()
          + "' is not a number, \"inf\" or \"-inf\"");
    }
  }

  private static double[] spacing(JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull() || (node.isArray() && node.isEmpty())) {
      return null;
    }
    if (!node.isArray() || node.size() != 3) {
      throw new RadiomicsException(path + ": expected [x, y, z] in mm");
    }
    double[] out = new double[3];
    for (int a = 0; a < 3; a++) {
      if (!node.get(a).isNumber() || node.get(a).doubleValue() < 0) {
        throw new RadiomicsException(path + ": expected non-negative numbers (0 = keep the axis)");
      }
      out[a] = node.get(a).doubleValue();
    }
    return out;
  }

  private static Interpolation interpolation(JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull()) {
      return Interpolation.LINEAR;
    }
    try {
      return Interpolation.parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw new RadiomicsException(path + ": " + e.getMessage(), e);
    }
  }

  private static double rounding(JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull() || (node.isArray() && node.isEmpty())
        || (node.isBoolean() && !node.booleanValue())) {
      return Double.NaN;
    }
    if (node.isBoolean()) {
      return 1;
    }
    if (!node.isNumber() || !(node.doubleValue() > 0)) {
      throw new RadiomicsException(path + ": expected a positive rounding step, true, false or []");
    }
    return node.doubleValue();
  }

  private static double number(JsonNode node, double fallback, String path) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isNumber()) {
      throw new RadiomicsException(path + ": expected a number");
    }
    return node.doubleValue();
  }

  private static void requireObject(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new RadiomicsException(path + ": expected a JSON object");
    }
  }

  private static void checkKeys(JsonNode node, String path, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw unknown(key, path, allowed);
      }
    }
  }

  private static RadiomicsException unknown(String key, String path,
      java.util.Collection<String> allowed) {
    String where = path.isEmpty() ? "top level" : path;
    return new RadiomicsException("unknown key '" + key + "' at " + where + " (allowed: "
        + new java.util.TreeSet<>(allowed) + ")");
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
