package io.meshgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code validate --subjects FILE} (docs/cli.md): the subjects file is checked against the bundle's
 * vocabulary and its problems are printed with the bundle's, in every format. {@code
 * src/test/resources/subjects/mistakes.yaml} has an undeclared role at 6:13 and a misspelt key at
 * 7:5; the shipped bundle declares roles, so the role is an error there.
 */
class ValidateSubjectsTest {
  private static final String MISTAKES = "src/test/resources/subjects/mistakes.yaml";
  private static final String UNDECLARED_ROLE = MISTAKES + ":6:13: role 'fraud-investigatr' is not declared in "
      + "vocabulary.roles [unknown-role] help: did you mean 'fraud-investigator'?";
  private static final String UNKNOWN_KEY = MISTAKES + ":7:5: unknown key 'atributes' in a subject [unknown-key] "
      + "help: did you mean 'attributes'?";

  private static String policies() {
    String policies = System.getProperty("meshgov.policies");
    assertNotNull(policies, "system property meshgov.policies must name the shipped bundle");
    return policies;
  }

  @Test
  void shippedSample_isValidAgainstTheShippedBundle() {
    String sample = Path.of(policies()).resolveSibling("samples").resolve("subjects.yaml").toString();
    GovernanceCliTest.Run run = GovernanceCliTest.run("validate", "--policies", policies(), "--subjects", sample);
    assertEquals("", run.err());
    assertEquals("valid: " + policies() + " and " + sample + " (0 warning(s))\n", run.out());
    assertEquals(0, run.exit());
  }

  @Test
  void problems_arePrintedAfterTheBundles_namingTheFileAsGiven_exit1() {
    GovernanceCliTest.Run run = GovernanceCliTest.run("validate", policies(), "--subjects", MISTAKES);
    assertEquals(UNDECLARED_ROLE + "\n" + UNKNOWN_KEY + "\n", run.err());
    assertEquals("invalid: 2 error(s), 0 warning(s)\n", run.out());
    assertEquals(1, run.exit());
  }

  @Test
  void aBundleWithErrors_leavesTheVocabularyUnknown_soOnlyTheShapeIsChecked() {
    GovernanceCliTest.Run run = GovernanceCliTest.run("validate", "src/test/resources/error-bundle",
        "--subjects", MISTAKES);
    List<String> lines = run.err().lines().toList();
    assertEquals(UNKNOWN_KEY, lines.get(lines.size() - 1));
    assertFalse(run.err().contains("[unknown-role]"), run::err);
    assertEquals(1, run.exit());
  }

  @Test
  void json_namesTheSubjectsFile_andItsProblems() throws Exception {
    JsonNode report = new JsonMapper().readTree(GovernanceCliTest.run("validate", "--format", "json", policies(),
        "--subjects", MISTAKES).out());
    assertEquals(MISTAKES, report.get("subjects").asText());
    assertEquals(2, report.get("errors").asInt());
    assertEquals(MISTAKES, report.at("/problems/0/file").asText());
    assertEquals("unknown-role", report.at("/problems/0/code").asText());
  }

  @Test
  void sarif_locatesTheSubjectsFileFromTheCurrentDirectory_notFromTheBundle() throws Exception {
    JsonNode log = new JsonMapper().readTree(GovernanceCliTest.run("validate", "--format", "sarif", policies(),
        "--subjects", MISTAKES).out());
    JsonNode location = log.at("/runs/0/results/1/locations/0/physicalLocation");
    assertEquals(MISTAKES, location.at("/artifactLocation/uri").asText());
    assertEquals(7, location.at("/region/startLine").asInt());
    assertEquals(5, location.at("/region/startColumn").asInt());
  }

  @Test
  void aMissingSubjectsFile_isAnIoError_exit1() {
    GovernanceCliTest.Run run = GovernanceCliTest.run("validate", policies(), "--subjects", "no-such.yaml");
    assertEquals("no-such.yaml:0:0: no subjects file at no-such.yaml [io-error] "
        + "help: pass the path of the subjects file\n", run.err());
    assertEquals(1, run.exit());
  }
}
