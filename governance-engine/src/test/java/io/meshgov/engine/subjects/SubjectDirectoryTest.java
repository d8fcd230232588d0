package io.meshgov.engine.subjects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.Problem;
import io.meshgov.api.Subject;
import io.meshgov.api.SubjectEntry;
import io.meshgov.api.SubjectsRejectedException;
import io.meshgov.api.Vocabulary;
import io.meshgov.engine.GovernanceEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subjects file: read like a bundle file (positions, strict shapes, every problem at once) and
 * checked against a vocabulary. The fixtures under {@code src/test/resources/subjects/} each hold
 * the mistakes their name says; their problems are asserted line for line.
 */
class SubjectDirectoryTest {
  private static final Path FIXTURES = Path.of("src/test/resources/subjects");
  private static final Vocabulary VOCABULARY = new Vocabulary(null, Set.of("reporting", "analytics"),
      Set.of("region", "clearance"), Set.of("analyst", "pii-reader"), Set.of("finance", "marketing"));

  @Test
  void shippedSample_loadsAgainstTheShippedBundlesVocabulary_withoutProblems() {
    Vocabulary vocabulary;
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(Path.of(property("meshgov.policies"))).build()) {
      vocabulary = engine.vocabulary();
    }
    SubjectDirectory directory = SubjectDirectory.load(Path.of(property("meshgov.samples"), "subjects.yaml"),
        vocabulary);
    assertEquals(List.of("alice", "bob", "carol", "bruno", "chen", "dana", "farid", "gwen"),
        directory.entries().stream().map(SubjectEntry::id).toList());
    assertEquals(new Subject("alice", List.of("employees", "finance"), List.of("analyst"),
        Map.of("region", "EU")), directory.find("alice").orElseThrow().subject());
    assertEquals("reporting", directory.purpose("alice").orElseThrow());
    assertTrue(directory.find("farid").orElseThrow().subject().roles().contains("pii-reader"));
  }

  @Test
  void unknownKey_isReportedWithDidYouMean() {
    assertProblems("unknown-key.yaml",
        "src/test/resources/subjects/unknown-key.yaml:5:5: unknown key 'group' in a subject [unknown-key] "
            + "help: did you mean 'groups'?");
  }

  @Test
  void attributeValues_mustBeStrings_andAttributesAMapping() {
    assertProblems("wrong-type-attribute.yaml",
        "src/test/resources/subjects/wrong-type-attribute.yaml:5:41: attribute 'clearance' of a subject must be a "
            + "string, not a number (3) [wrong-type] help: write it as a string: \"3\"",
        "src/test/resources/subjects/wrong-type-attribute.yaml:7:17: 'attributes' of a subject must be a mapping "
            + "of strings, not a list [wrong-type] help: write it as a mapping, e.g. attributes: {region: \"EU\"}");
  }

  @Test
  void theSameIdTwice_isADuplicateSubject_atTheSecond() {
    assertProblems("duplicate-subject.yaml",
        "src/test/resources/subjects/duplicate-subject.yaml:6:10: subject 'alice' is listed twice (first at line 4) "
            + "[duplicate-subject] help: merge the two entries into one");
  }

  @Test
  void anotherKind_stopsTheReading_withOneProblem() {
    assertProblems("wrong-kind.yaml",
        "src/test/resources/subjects/wrong-kind.yaml:2:7: a subjects file must be of kind SubjectDirectory, not "
            + "'SubjectDirctory' [unknown-kind] help: did you mean 'SubjectDirectory'?");
  }

  @Test
  void undeclaredNames_areTheBundlesVocabularyErrors_withDidYouMean() {
    assertProblems("undeclared-names.yaml",
        "src/test/resources/subjects/undeclared-names.yaml:5:14: group 'finanse' is not declared in "
            + "vocabulary.groups [unknown-group] help: did you mean 'finance'?",
        "src/test/resources/subjects/undeclared-names.yaml:6:13: role 'analist' is not declared in "
            + "vocabulary.roles [unknown-role] help: did you mean 'analyst'?",
        "src/test/resources/subjects/undeclared-names.yaml:7:18: attribute 'regoin' is not declared in "
            + "vocabulary.attributes [unknown-attribute] help: did you mean 'region'?",
        "src/test/resources/subjects/undeclared-names.yaml:8:14: purpose 'reportng' is not declared in "
            + "vocabulary.purposes [unknown-purpose] help: did you mean 'reporting'?");
  }

  @Test
  void anAbsentVocabularyList_checksNothingOfItsKind() {
    Vocabulary groupsOnly = new Vocabulary(null, null, null, null, Set.of("finance"));
    SubjectsRejectedException rejected = assertThrows(SubjectsRejectedException.class,
        () -> SubjectDirectory.load(FIXTURES.resolve("undeclared-names.yaml"), groupsOnly));
    assertEquals(List.of("unknown-group"), rejected.problems().stream().map(Problem::code).toList());
    assertEquals(List.of("analist", "pii-reader"),
        SubjectDirectory.load(FIXTURES.resolve("undeclared-names.yaml"), Vocabulary.NONE)
            .find("alice").orElseThrow().subject().roles());
  }

  @Test
  void json_reportsEveryProblemAtOnce_sortedByPosition() {
    assertProblems("several.json",
        "src/test/resources/subjects/several.json:2:17: unsupported apiVersion 'meshgov/v2' [api-version] "
            + "help: write apiVersion: meshgov/v1",
        "src/test/resources/subjects/several.json:5:31: 'groups' of a subject must be a list of strings, not a "
            + "string ('finance') [wrong-type] help: write it as a list, e.g. groups: [\"finance\"]",
        "src/test/resources/subjects/several.json:6:12: the subject id is empty [missing-key] "
            + "help: give the subject's id",
        "src/test/resources/subjects/several.json:6:28: 'purpose' of a subject must be a string, not a number (7) "
            + "[wrong-type] help: write it as a string: \"7\"",
        "src/test/resources/subjects/several.json:7:5: a subject is missing required key 'id' [missing-key] "
            + "help: add 'id:'");
  }

  @Test
  void aMissingFile_isAnIoError_withoutPosition() {
    assertProblems("no-such-file.yaml",
        "src/test/resources/subjects/no-such-file.yaml:0:0: no subjects file at "
            + "src/test/resources/subjects/no-such-file.yaml [io-error] help: pass the path of the subjects file");
  }

  @Test
  void aFileOverTheBundleFileLimit_isRejectedUnread(@TempDir Path directory) throws IOException {
    Path big = directory.resolve("subjects.yaml");
    Files.write(big, new byte[(1 << 20) + 1]);
    SubjectsRejectedException rejected = assertThrows(SubjectsRejectedException.class,
        () -> SubjectDirectory.load(big, Vocabulary.NONE));
    assertEquals(List.of("limit-file-size"), rejected.problems().stream().map(Problem::code).toList());
  }

  @Test
  void subject_mergesExtraGroupsAfterTheEntrysOwn_eachOnce() {
    SubjectDirectory directory = SubjectDirectory.of(List.of(new SubjectEntry(
        new Subject("alice", List.of("finance", "employees"), List.of("analyst"), Map.of("region", "EU")),
        "reporting")));
    assertEquals(new Subject("alice", List.of("finance", "employees", "sso-users"), List.of("analyst"),
        Map.of("region", "EU")), directory.subject("alice", List.of("employees", "sso-users", "sso-users")));
  }

  @Test
  void subject_ofAnUnknownUser_hasOnlyTheExtraGroups_soRulesNeedingMoreFailClosed() {
    assertEquals(new Subject("mallory", List.of("finance"), List.of(), Map.of()),
        SubjectDirectory.EMPTY.subject("mallory", List.of("finance", "finance")));
    assertTrue(SubjectDirectory.EMPTY.purpose("mallory").isEmpty());
    assertTrue(SubjectDirectory.EMPTY.find("mallory").isEmpty());
  }

  @Test
  void of_refusesTheSameIdTwice() {
    SubjectEntry alice = new SubjectEntry(Subject.of("alice"), null);
    assertThrows(IllegalArgumentException.class, () -> SubjectDirectory.of(List.of(alice, alice)));
  }

  @Test
  void emptyPurpose_meansNone() {
    assertEquals(null, new SubjectEntry(Subject.of("alice"), "").purpose());
    assertTrue(SubjectDirectory.of(List.of(new SubjectEntry(Subject.of("alice"), ""))).purpose("alice").isEmpty());
  }

  @Test
  void digest_isTheSha256OfTheFileBytes() throws Exception {
    Path file = Path.of(property("meshgov.samples"), "subjects.yaml");
    String expected = HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    assertEquals(expected, SubjectDirectory.load(file, Vocabulary.NONE).digest());
  }

  @Test
  void digest_ofEntries_changesWithAnyValue() {
    SubjectDirectory reporting = SubjectDirectory.of(List.of(new SubjectEntry(Subject.of("alice"), "reporting")));
    SubjectDirectory none = SubjectDirectory.of(List.of(new SubjectEntry(Subject.of("alice"), null)));
    assertNotEquals(reporting.digest(), none.digest());
    assertEquals(reporting.digest(),
        SubjectDirectory.of(List.of(new SubjectEntry(Subject.of("alice"), "reporting"))).digest());
    assertEquals(64, SubjectDirectory.EMPTY.digest().length());
  }

  private static void assertProblems(String fixture, String... expected) {
    SubjectsRejectedException rejected = assertThrows(SubjectsRejectedException.class,
        () -> SubjectDirectory.load(FIXTURES.resolve(fixture), VOCABULARY));
    assertEquals(String.join("\n", expected),
        String.join("\n", rejected.problems().stream().map(Problem::format).toList()));
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertNotNull(value, "system property " + name + " must be set by the build");
    return value;
  }
}
