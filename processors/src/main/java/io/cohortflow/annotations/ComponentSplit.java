package io.cohortflow.annotations;

/**
 * Whether a label gives one annotation ({@code NONE}, nidataset's behaviour) or one per connected
 * component: {@code COMPONENTS3D} with 26-connectivity in the volume, {@code COMPONENTS2D} with
 * 8-connectivity inside each slice of the view.
 */
public enum ComponentSplit {
  NONE, COMPONENTS3D, COMPONENTS2D;

  /** The split named {@code value} (lower case), or a usage error. */
  public static ComponentSplit parse(String value) {
    return OptionValues.parse(ComponentSplit.class, "split", value);
  }
}
