package io.cohortflow.radiomics;

import java.util.List;

/**
 * The six IBSI texture families, each with the tag prefix of the IBSI reference files and its
 * features in reference order. A tag is {@code prefix_feature_variant}, e.g.
 * {@code cm_joint_max_3D_avg} or {@code szm_sze_2_5D}. The constants are named as the texture
 * constants of {@link FeatureFamily}, which the settings file selects.
 */
public enum TextureFamily {
  GLCM("cm", true, List.of("joint_max", "joint_avg", "joint_var", "joint_entr", "diff_avg",
      "diff_var", "diff_entr", "sum_avg", "sum_var", "sum_entr", "energy", "contrast",
      "dissimilarity", "inv_diff", "inv_diff_norm", "inv_diff_mom", "inv_diff_mom_norm",
      "inv_var", "corr", "auto_corr", "clust_tend", "clust_shade", "clust_prom", "info_corr1",
      "info_corr2")),
  GLRLM("rlm", true, List.of("sre", "lre", "lgre", "hgre", "srlge", "srhge", "lrlge", "lrhge",
      "glnu", "glnu_norm", "rlnu", "rlnu_norm", "r_perc", "gl_var", "rl_var", "rl_entr")),
  GLSZM("szm", false, List.of("sze", "lze", "lgze", "hgze", "szlge", "szhge", "lzlge", "lzhge",
      "glnu", "glnu_norm", "zsnu", "zsnu_norm", "z_perc", "gl_var", "zs_var", "zs_entr")),
  GLDZM("dzm", false, List.of("sde", "lde", "lgze", "hgze", "sdlge", "sdhge", "ldlge", "ldhge",
      "glnu", "glnu_norm", "zdnu", "zdnu_norm", "z_perc", "gl_var", "zd_var", "zd_entr")),
  NGTDM("ngt", false, List.of("coarseness", "contrast", "busyness", "complexity", "strength")),
  NGLDM("ngl", false, List.of("lde", "hde", "lgce", "hgce", "ldlge", "ldhge", "hdlge", "hdhge",
      "glnu", "glnu_norm", "dcnu", "dcnu_norm", "dc_perc", "gl_var", "dc_var", "dc_entr",
      "dc_energy"));

  private final String prefix;
  private final boolean directional;
  private final List<String> features;

  TextureFamily(String prefix, boolean directional, List<String> features) {
    this.prefix = prefix;
    this.directional = directional;
    this.features = features;
  }

  /** Tag prefix in the IBSI reference files, e.g. {@code cm}. */
  public String prefix() { return prefix; }

  /** Whether matrices are built per direction (GLCM, GLRLM) and so have avg/comb variants. */
  public boolean directional() { return directional; }

  /** Feature names in IBSI reference order, without prefix and variant. */
  public List<String> features() { return features; }
}
