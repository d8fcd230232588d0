package io.meshgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test but a measurement, run on demand: {@code impact} on a bundle of 50 products and a
 * subjects file of 200 subjects (the shipped bundle, its products copied under new names, and the
 * shipped example's change), timed end to end. Nothing is asserted about time.
 *
 * <pre>
 * mvn -B -ntp -pl governance-cli -am test -Dtest=ImpactScaleMeasurement \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dmeshgov.measure=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "meshgov.measure", matches = "true")
class ImpactScaleMeasurement {
  private static final Path POLICIES = Path.of(System.getProperty("meshgov.policies", "../policies"));
  private static final Path PROPOSED = POLICIES.resolveSibling("samples").resolve("impact").resolve("proposed");

  @TempDir Path directory;

  @Test
  void fiftyProductsTwoHundredSubjects() throws IOException {
    Path base = widened(POLICIES, directory.resolve("base"));
    Path proposed = widened(PROPOSED, directory.resolve("proposed"));
    Path subjects = directory.resolve("subjects.yaml");
    StringBuilder text = new StringBuilder("apiVersion: meshgov/v1\nkind: SubjectDirectory\nsubjects:\n");
    String[][] kinds = {
        {"employees, finance", "analyst", "EU"}, {"employees, finance", "fraud-investigator, pii-reader", "US"},
        {"employees, marketing", "campaign-manager", "EU"}, {"employees, supply_chain, procurement", "category-manager", "APAC"},
        {"contractors", "", "UK"}};
    for (int i = 0; i < 200; i++) {
      String[] kind = kinds[i % kinds.length];
      text.append("  - {id: user").append(i).append(", groups: [").append(kind[0]).append("], roles: [").append(kind[1])
          .append("], attributes: {region: ").append(kind[2]).append("}}\n");
    }
    Files.writeString(subjects, text);

    long start = System.nanoTime();
    GovernanceCliTest.Run run = GovernanceCliTest.run("impact", "--base", base.toString(), "--policies",
        proposed.toString(), "--subjects", subjects.toString(), "--at", "2026-11-24T10:00:00Z", "--format", "json");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(0, run.exit(), run.err());
    String corpus = run.out().lines().filter(line -> line.contains("\"corpus\"")).findFirst().orElse("");
    System.out.printf(Locale.ROOT, "impact, 50 products x 200 subjects: %.1f s end to end (%s)%n", seconds, corpus.strip());
  }

  /** {@code source} with each product copied under new names until the catalog holds 50. */
  private static Path widened(Path source, Path target) throws IOException {
    BundleCopies.copy(source, target);
    List<Path> products;
    try (Stream<Path> files = Files.walk(target.resolve("products"))) {
      products = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
    }
    int count = products.size();
    for (int copy = 1; count < 50; copy++) {
      for (Path product : products) {
        if (count == 50) {
          break;
        }
        String name = product.getFileName().toString().replace(".yaml", "");
        String text = Files.readString(product).replaceFirst("(?m)^(  id: [a-z_]+\\.)" + name + "$", "$1" + name + "_" + copy)
            .replaceAll("bindings: \\{[^}]*\\}\\n", "");
        Files.writeString(product.resolveSibling(name + "_" + copy + ".yaml"), text);
        count++;
      }
    }
    return target;
  }
}
