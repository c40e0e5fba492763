package io.cohortflow.radiomics;

/**
 * The IBSI feature families, with the names the settings' {@code extract} block uses (MEDimage's)
 * and the family names of the IBSI reference files.
 */
public enum FeatureFamily {
  MORPHOLOGY("Morph", "morphology", false),
  LOCAL_INTENSITY("LocalIntensity", "local intensity", false),
  STATISTICS("Stats", "intensity-based statistics", false),
  INTENSITY_HISTOGRAM("IntensityHistogram", "intensity histogram", false),
  INTENSITY_VOLUME_HISTOGRAM("IntensityVolumeHistogram", "intensity-volume histogram", false),
  GLCM("GLCM", "grey level co-occurrence matrix", true),
  GLRLM("GLRLM", "grey level run length matrix", true),
  GLSZM("GLSZM", "grey level size zone matrix", true),
  GLDZM("GLDZM", "grey level distance zone matrix", true),
  NGTDM("NGTDM", "neighbourhood grey tone difference matrix", true),
  NGLDM("NGLDM", "neighbouring grey level dependence matrix", true);

  private final String settingsName;
  private final String ibsiName;
  private final boolean texture;

  FeatureFamily(String settingsName, String ibsiName, boolean texture) {
    this.settingsName = settingsName;
    this.ibsiName = ibsiName;
    this.texture = texture;
  }

  /** The key in the settings' {@code extract} block. */
  public String settingsName() { return settingsName; }

  /** The family column of the IBSI reference files. */
  public String ibsiName() { return ibsiName; }

  /** Whether the family works on discretised texture matrices (built in the texture classes). */
  public boolean isTexture() { return texture; }

  /** The family of a feature tag such as {@code morph_volume} or {@code cm_joint_max_3D_avg}. */
  public static FeatureFamily ofTag(String tag) {
    String prefix = tag.substring(0, tag.indexOf('_') + 1);
    switch (prefix) {
      case "morph_": return MORPHOLOGY;
      case "loc_": return LOCAL_INTENSITY;
      case "stat_": return STATISTICS;
      case "ih_": return INTENSITY_HISTOGRAM;
      case "ivh_": return INTENSITY_VOLUME_HISTOGRAM;
      case "cm_": return GLCM;
      case "rlm_": return GLRLM;
      case "szm_": return GLSZM;
      case "dzm_": return GLDZM;
      case "ngt_": return NGTDM;
      case "ngl_": return NGLDM;
      default: throw new IllegalArgumentException("no feature family for tag " + tag);
    }
  }

  public static FeatureFamily ofSettingsName(String name) {
    for (FeatureFamily f : values()) {
      if (f.settingsName.equals(name)) {
        return f;
      }
    }
    return null;
  }
}
