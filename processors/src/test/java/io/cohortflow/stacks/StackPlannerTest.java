package io.cohortflow.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stack key rules: rounding, TYPE and ORIENT, grouping, CT dose modulation, determinism. */
class StackPlannerTest {
  private static final double[] SAGITTAL = {0, 1, 0, 0, 0, -1};
  private static final double[] AXIAL = {1, 0, 0, 0, 1, 0};

  private static StackMember mr(long id, Double te, Double ti, Double fa, Integer echo,
      String type, double[] iop) {
    SliceOrientation o = SliceOrientation.of(iop);
    return new StackMember(id, te, ti, fa, echo, type, o.label(), o.confidence(), null, null,
        null, null, null);
  }

  private static StackMember ct(long id, double kvp, double ma, double exposure) {
    return new StackMember(id, null, null, null, null, "ORIGINAL\\PRIMARY\\AXIAL", "AX", 1.0,
        kvp, ma, exposure, null, null);
  }

  @Test
  void numbersAreRoundedHalfEvenAndPrintedInShortestPlainForm() {
    assertThat(StackKey.number(2.50, 2)).isEqualTo("2.5");
    assertThat(StackKey.number(900.0, 1)).isEqualTo("900");
    assertThat(StackKey.number(2.345, 2)).isEqualTo("2.34");
    assertThat(StackKey.number(2.355, 2)).isEqualTo("2.36");
    assertThat(StackKey.number(250.5, 0)).isEqualTo("250");
    assertThat(StackKey.number(251.5, 0)).isEqualTo("252");
    assertThat(StackKey.number(1200.0, 0)).isEqualTo("1200");
    assertThat(StackKey.number(-0.001, 2)).isEqualTo("0");
    assertThat(StackKey.number(null, 2)).isEqualTo("NA");
    assertThat(StackKey.number(Double.NaN, 2)).isEqualTo("NA");
  }

  @Test
  void imageTypeUsesTheThirdValue() {
    assertThat(StackKey.imageType("ORIGINAL\\PRIMARY\\M\\ND")).isEqualTo("M");
    assertThat(StackKey.imageType("ORIGINAL\\PRIMARY\\MAGNITUDE")).isEqualTo("M");
    assertThat(StackKey.imageType("ORIGINAL\\PRIMARY\\phase")).isEqualTo("P");
    assertThat(StackKey.imageType("DERIVED\\SECONDARY\\REAL")).isEqualTo("R");
    assertThat(StackKey.imageType("DERIVED\\SECONDARY\\IMAGINARY")).isEqualTo("I");
    assertThat(StackKey.imageType("ORIGINAL\\PRIMARY\\diffusion")).isEqualTo("DIFFUSION");
    assertThat(StackKey.imageType("ORIGINAL\\PRIMARY")).isEqualTo("NA");
    assertThat(StackKey.imageType(null)).isEqualTo("NA");
  }

  @Test
  void orientationFromTheSliceNormal() {
    assertThat(SliceOrientation.of(SAGITTAL)).isEqualTo(new SliceOrientation("SAG", 1.0));
    assertThat(SliceOrientation.of(AXIAL)).isEqualTo(new SliceOrientation("AX", 1.0));
    assertThat(SliceOrientation.of(new double[] {1, 0, 0, 0, 0, -1}).label()).isEqualTo("COR");
    double c = Math.cos(Math.toRadians(30));
    double s = Math.sin(Math.toRadians(30));
    SliceOrientation oblique = SliceOrientation.of(new double[] {1, 0, 0, 0, c, s});
    assertThat(oblique.label()).isEqualTo("AX");
    assertThat(oblique.confidence()).isCloseTo(c, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(SliceOrientation.of(null)).isEqualTo(new SliceOrientation("NA", null));
    assertThat(SliceOrientation.of(new double[] {1, 0, 0, 1, 0, 0}).label()).isEqualTo("NA");
  }

  @Test
  void mrKeysSeparateEchoesAndTypes() {
    List<Stack> stacks = StackPlanner.plan("MR", List.of(
        mr(1, 2.50, 900.0, 9.0, 1, "ORIGINAL\\PRIMARY\\M", SAGITTAL),
        mr(2, 2.5, 900.0, 9.0, 1, "ORIGINAL\\PRIMARY\\M", SAGITTAL),
        mr(3, 5.0, 900.0, 9.0, 2, "ORIGINAL\\PRIMARY\\M", SAGITTAL),
        mr(4, 2.5, 900.0, 9.0, 1, "ORIGINAL\\PRIMARY\\P", SAGITTAL),
        mr(5, null, null, null, null, null, null)));
    assertThat(stacks).extracting(Stack::key).containsExactly(
        "MR|TE=2.5|TI=900|FA=9|ECHO=1|TYPE=M|ORIENT=SAG",
        "MR|TE=2.5|TI=900|FA=9|ECHO=1|TYPE=P|ORIENT=SAG",
        "MR|TE=5|TI=900|FA=9|ECHO=2|TYPE=M|ORIENT=SAG",
        "MR|TE=NA|TI=NA|FA=NA|ECHO=NA|TYPE=NA|ORIENT=NA");
    assertThat(stacks.get(0).instanceIds()).containsExactly(1L, 2L);
    assertThat(stacks.get(0).echoTime()).isEqualTo(2.5);
    assertThat(stacks.get(0).orientationConfidence()).isEqualTo(1.0);
    assertThat(stacks.get(3).echoTime()).isNull();
  }

  @Test
  void ctWithTwoCurrentsGivesTwoStacksAndMoreIsModulation() {
    List<Stack> two = StackPlanner.plan("CT", List.of(ct(1, 120, 250, 5), ct(2, 120, 250, 5),
        ct(3, 120, 300, 6)));
    assertThat(two).extracting(Stack::key).containsExactly(
        "CT|KVP=120|MA=250|EXP=5|ORIENT=AX", "CT|KVP=120|MA=300|EXP=6|ORIENT=AX");

    List<StackMember> modulated = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      modulated.add(ct(i, 120, 180 + 5 * i, 3 + i % 4));
    }
    modulated.add(ct(100, 80, 400, 8));
    List<Stack> stacks = StackPlanner.plan("CT", modulated);
    assertThat(stacks).extracting(Stack::key).containsExactly(
        "CT|KVP=120|MA=MOD|EXP=MOD|ORIENT=AX", "CT|KVP=80|MA=400|EXP=8|ORIENT=AX");
    Stack mod = stacks.get(0);
    assertThat(mod.doseModulated()).isTrue();
    assertThat(mod.tubeCurrent()).isNull();
    assertThat(mod.tubeCurrentMin()).isEqualTo(180.0);
    assertThat(mod.tubeCurrentMax()).isEqualTo(375.0);
    assertThat(mod.exposureMin()).isEqualTo(3.0);
    assertThat(mod.exposureMax()).isEqualTo(6.0);
    assertThat(mod.instanceIds()).hasSize(40);
  }

  @Test
  void petKeysUseBedIndexAndFrameType() {
    StackMember a = new StackMember(1, null, null, null, null, null, "AX", 1.0, null, null, null,
        2, "WHOLE BODY\\IMAGE");
    StackMember b = new StackMember(2, null, null, null, null, null, "AX", 1.0, null, null, null,
        3, "WHOLE BODY\\IMAGE");
    assertThat(StackPlanner.plan("PT", List.of(a, b))).extracting(Stack::key).containsExactly(
        "PT|BED=2|FRAME=WHOLE BODY|ORIENT=AX", "PT|BED=3|FRAME=WHOLE BODY|ORIENT=AX");
  }

  @Test
  void otherModalitiesByTypeAndOrientation() {
    StackMember a = new StackMember(1, null, null, null, null, "ORIGINAL\\PRIMARY\\LOCALIZER",
        "COR", 1.0, null, null, null, null, null);
    assertThat(StackPlanner.plan("cr", List.of(a))).extracting(Stack::key)
        .containsExactly("CR|TYPE=LOCALIZER|ORIENT=COR");
  }

  @Test
  void resultDoesNotDependOnMemberOrder() {
    List<StackMember> members = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      members.add(mr(i, i % 3 == 0 ? 2.5 : 5.0, 900.0, 9.0, 1 + i % 2,
          i % 5 == 0 ? "ORIGINAL\\PRIMARY\\P" : "ORIGINAL\\PRIMARY\\M", SAGITTAL));
    }
    List<Stack> reference = StackPlanner.plan("MR", members);
    Random random = new Random(42);
    for (int round = 0; round < 10; round++) {
      List<StackMember> shuffled = new ArrayList<>(members);
      Collections.shuffle(shuffled, random);
      assertThat(StackPlanner.plan("MR", shuffled)).isEqualTo(reference);
    }
  }
}
