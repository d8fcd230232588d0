package io.meshgov.engine.internal.validate;

import io.meshgov.api.Subject;
import io.meshgov.api.SubjectEntry;
import io.meshgov.api.Vocabulary;
import io.meshgov.engine.internal.load.RawDocuments.RawAttribute;
import io.meshgov.engine.internal.load.RawDocuments.RawSubject;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the entries of a subjects file mean: each id given once and not blank, and every group,
 * role, attribute key and purpose declared in the bundle's vocabulary where it declares names of
 * that kind, with the codes and wording a rule's names get (docs/policy-language.md, "Subjects
 * file"). A typo in a user's role would otherwise make every rule that tests it quietly pass the
 * user by. Stateless.
 */
public final class SubjectsValidator {
  private SubjectsValidator() {}

  /** The entries of {@code raw} that are whole, in file order; every problem goes to {@code problems}. */
  public static List<SubjectEntry> validate(String file, List<RawSubject> raw, Vocabulary vocabulary,
      ProblemSink problems) {
    Map<String, Scalar> firstById = new HashMap<>();
    List<SubjectEntry> entries = new ArrayList<>();
    for (RawSubject subject : raw) {
      checkNames(file, subject, vocabulary, problems);
      Scalar id = subject.id();
      if (id == null) {
        continue;
      }
      if (id.text().isBlank()) {
        problems.error("missing-key", file, id.position(), "the subject id is empty", "give the subject's id");
        continue;
      }
      Scalar first = firstById.putIfAbsent(id.text(), id);
      if (first != null) {
        problems.error("duplicate-subject", file, id.position(), "subject '" + id.text()
            + "' is listed twice (first at line " + first.position().line() + ")",
            "merge the two entries into one");
        continue;
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      for (RawAttribute attribute : subject.attributes()) {
        attributes.put(attribute.key(), attribute.value().text());
      }
      entries.add(new SubjectEntry(new Subject(id.text(), texts(subject.groups()), texts(subject.roles()), attributes),
          subject.purpose() == null ? null : subject.purpose().text()));
    }
    return entries;
  }

  private static void checkNames(String file, RawSubject subject, Vocabulary vocabulary, ProblemSink problems) {
    for (Scalar group : subject.groups()) {
      KnownNames.declared(file, group.position(), group.text(), vocabulary.groups(), "group", "groups", problems);
    }
    for (Scalar role : subject.roles()) {
      KnownNames.declared(file, role.position(), role.text(), vocabulary.roles(), "role", "roles", problems);
    }
    for (RawAttribute attribute : subject.attributes()) {
      KnownNames.declared(file, attribute.keyPosition(), attribute.key(), vocabulary.attributes(), "attribute",
          "attributes", problems);
    }
    Scalar purpose = subject.purpose();
    // the empty purpose is no purpose, which every vocabulary allows
    if (purpose != null && !purpose.text().isEmpty()) {
      KnownNames.declared(file, purpose.position(), purpose.text(), vocabulary.purposes(), "purpose", "purposes",
          problems);
    }
  }

  private static List<String> texts(List<Scalar> scalars) {
    List<String> texts = new ArrayList<>(scalars.size());
    for (Scalar scalar : scalars) {
      texts.add(scalar.text());
    }
    return texts;
  }
}
