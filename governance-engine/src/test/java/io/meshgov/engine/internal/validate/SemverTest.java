package io.meshgov.engine.internal.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SemverTest {
  private static Semver v(String text) {
    return Semver.parse(text).orElseThrow();
  }

  @Test
  void parse_rejectsNonSemver() {
    for (String bad : List.of("1.0", "1", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0.0", "", "1.2.x")) {
      assertTrue(Semver.parse(bad).isEmpty(), bad);
    }
  }

  @Test
  void compareTo_followsSemverPrecedence() {
    List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
        "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0");
    for (int i = 1; i < ordered.size(); i++) {
      assertTrue(v(ordered.get(i - 1)).compareTo(v(ordered.get(i))) < 0, ordered.get(i - 1) + " < " + ordered.get(i));
    }
    assertTrue(v("1.0.0+build.1").compareTo(v("1.0.0+build.2")) == 0);
  }
}
