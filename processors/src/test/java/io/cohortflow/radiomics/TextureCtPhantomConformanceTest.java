package io.cohortflow.radiomics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IBSI conformance of the texture families on the CT phantom through the whole engine, with the
 * settings files {@code config/ibsi/config-A..D.json}: configurations A and B in their 2-D and
 * 2.5-D variants, C and D in their 3-D variants.
 */
class TextureCtPhantomConformanceTest {

  @ParameterizedTest
  @ValueSource(strings = {"A", "B", "C", "D"})
  void everyTextureVariantMatchesTheReference(String configuration) throws IOException {
    Path csv = SharedData.resolve("data/ibsi/ct_phantom/reference_values_A-D.csv");
    List<TextureReference.Row> rows = TextureReference.read(csv, configuration);
    Map<String, Double> computed = TextureIbsiCases.ctPhantom(configuration);

    List<TextureReference.Outcome> outcomes = TextureReference.check(rows, computed);
    System.out.println(TextureReference.table(
        "IBSI CT phantom, configuration " + configuration + ", texture", outcomes));

    Set<String> textureTags = computed.keySet().stream()
        .filter(TextureReference::isTextureTag).collect(Collectors.toSet());
    assertThat(rows.stream().map(TextureReference.Row::tag).collect(Collectors.toSet()))
        .isEqualTo(textureTags);
    assertThat(outcomes.stream().filter(o -> !o.passed()).map(o -> o.row().tag()
        + "=" + o.value() + " (reference " + o.row().reference() + " ± " + o.row().tolerance()
        + ")")).isEmpty();
  }
}
