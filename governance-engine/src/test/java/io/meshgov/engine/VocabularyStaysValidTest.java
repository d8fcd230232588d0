package io.meshgov.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgov.api.Problem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles that use names ahead of the catalog correctly stay valid: the vocabulary checks only catch typos. */
class VocabularyStaysValidTest {
  @TempDir Path bundle;

  private void copyBase() throws IOException, URISyntaxException {
    Path base = Path.of(VocabularyStaysValidTest.class.getResource("/invalid/_base/bundle").toURI());
    try (Stream<Path> files = Files.walk(base)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = bundle.resolve(base.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
  }

  private void addRule(String rule) throws IOException {
    Path file = bundle.resolve("global/pii.yaml");
    Files.writeString(file, Files.readString(file) + "\n" + rule);
  }

  @Test
  void declaredTagThatNoProductCarriesYet_isValid() throws Exception {
    copyBase();
    Files.writeString(bundle.resolve("bundle.yaml"), Files.readString(bundle.resolve("bundle.yaml"))
        + "vocabulary:\n  tags: [pii.email, pii.card_number, regulated.sox, legal.hold]\n");
    addRule("""
          - id: hold-everything-on-legal-hold
            kind: retention
            match: {products: {tags: [legal.hold]}}
            legalHold: true
        """);
    List<Problem> problems = GovernanceEngine.builder().bundle(bundle).validate();
    assertEquals(List.of(), problems);
  }

  @Test
  void columnNameOfOnlyOneOfTheMatchedProducts_isValid() throws Exception {
    copyBase();
    // segment is a column of marketing.contacts only; the rule matches both catalog products
    addRule("""
          - id: hide-segments
            kind: access
            match: {columns: {names: [segment, customer_email]}}
            effect: deny
        """);
    List<Problem> problems = GovernanceEngine.builder().bundle(bundle).validate();
    assertEquals(List.of(), problems);
  }

  @Test
  void acknowledgementThatRemovesNothing_isAWarningAtItsCode() throws Exception {
    copyBase();
    addRule("""
          - id: hash-segments
            kind: mask
            match: {columns: {names: [segment]}}
            mask: {method: hash}
            acknowledge: [mask-escalated]
        """);
    List<Problem> problems = GovernanceEngine.builder().bundle(bundle).validate();
    assertEquals(1, problems.size(), () -> "" + problems);
    assertEquals("global/pii.yaml:24:19: warning: this rule raises no 'mask-escalated' warning to acknowledge "
        + "[unused-acknowledgement] help: remove 'mask-escalated' from acknowledge", problems.get(0).format());
  }

  @Test
  void requestInJavaWithAnUndeclaredPurpose_isARequestError() throws Exception {
    copyBase();
    Files.writeString(bundle.resolve("bundle.yaml"), Files.readString(bundle.resolve("bundle.yaml"))
        + "vocabulary:\n  purposes: [reporting]\n");
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(bundle).build()) {
      io.meshgov.api.AccessRequest request = io.meshgov.api.AccessRequest.builder()
          .subject(new io.meshgov.api.Subject("alice", List.of(), List.of("analyst"), java.util.Map.of()))
          .product("finance.invoice_payments").purpose("reportng").build();
      io.meshgov.api.RequestException error =
          org.junit.jupiter.api.Assertions.assertThrows(io.meshgov.api.RequestException.class, () -> engine.decide(request));
      assertEquals("unknown-purpose", error.problems().get(0).code());
      assertEquals("did you mean 'reporting'?", error.problems().get(0).help());
      assertEquals(io.meshgov.api.Effect.PERMIT, engine.decide(request.toBuilder().purpose("").build()).effect());
    }
  }
}
