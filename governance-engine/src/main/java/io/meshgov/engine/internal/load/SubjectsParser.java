package io.meshgov.engine.internal.load;

import io.meshgov.engine.internal.load.RawDocuments.RawAttribute;
import io.meshgov.engine.internal.load.RawDocuments.RawSubject;
import io.meshgov.engine.internal.load.SourceNode.Entry;
import io.meshgov.engine.internal.load.SourceNode.ListNode;
import io.meshgov.engine.internal.load.SourceNode.MapNode;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a subjects file's tree (docs/policy-language.md, "Subjects file") into its raw entries,
 * reporting wrong shapes and unknown keys as a bundle document's are. Every value of an entry is a
 * strict string, as in a request: the entries become request subjects, so a number or boolean is
 * {@code wrong-type}, never coerced.
 */
public final class SubjectsParser {
  public static final String KIND = "SubjectDirectory";
  private static final Set<String> FILE_KEYS = Set.of("apiVersion", "kind", "description", "subjects");
  private static final Set<String> SUBJECT_KEYS = Set.of("id", "description", "groups", "roles", "attributes",
      "purpose");

  private final NodeReader reader;

  public SubjectsParser(NodeReader reader) {
    this.reader = reader;
  }

  /** The entries in file order, or null when the file is not a SubjectDirectory at all. */
  public @Nullable List<RawSubject> read(SourceNode root) {
    MapNode file = new DocumentParser(reader).document(root);
    if (file == null || !isSubjectDirectory(file)) {
      return null;
    }
    reader.map(file, "the SubjectDirectory", FILE_KEYS);
    reader.string(file, "description", "the SubjectDirectory", false);
    ListNode list = reader.list(reader.required(file, "subjects", "the SubjectDirectory"), "'subjects'");
    List<RawSubject> subjects = new ArrayList<>();
    if (list != null) {
      for (SourceNode item : list.items()) {
        RawSubject subject = subject(item);
        if (subject != null) {
          subjects.add(subject);
        }
      }
    }
    return subjects;
  }

  /**
   * Whether {@code kind} is SubjectDirectory. Any other kind stops the reading: the keys of a
   * bundle document, read as a subjects file, would only bury the one real mistake.
   */
  private boolean isSubjectDirectory(MapNode file) {
    Scalar kind = reader.string(file, "kind", "the document", true);
    if (kind == null) {
      return false;
    }
    if (kind.text().equals(KIND)) {
      return true;
    }
    String suggestion = Suggestions.closest(kind.text(), Set.of(KIND));
    reader.error("unknown-kind", kind.position(), "a subjects file must be of kind " + KIND + ", not '"
        + kind.text() + "'", suggestion != null ? "did you mean '" + suggestion + "'?" : "write kind: " + KIND);
    return false;
  }

  private @Nullable RawSubject subject(SourceNode node) {
    MapNode subject = reader.map(node, "a subject", SUBJECT_KEYS);
    if (subject == null) {
      return null;
    }
    Scalar id = reader.strictString(reader.required(subject, "id", "a subject"), "'id' of a subject");
    reader.strictString(reader.optional(subject, "description"), "'description' of a subject");
    return new RawSubject(subject.position(), id,
        reader.strictStringList(subject, "groups", "a subject"),
        reader.strictStringList(subject, "roles", "a subject"),
        attributes(subject),
        reader.strictString(reader.optional(subject, "purpose"), "'purpose' of a subject"));
  }

  private List<RawAttribute> attributes(MapNode subject) {
    SourceNode node = reader.optional(subject, "attributes");
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof MapNode map)) {
      reader.error("wrong-type", node.position(),
          "'attributes' of a subject must be a mapping of strings, not " + NodeReader.describeValue(node),
          "write it as a mapping, e.g. attributes: {region: \"EU\"}");
      return List.of();
    }
    List<RawAttribute> attributes = new ArrayList<>();
    for (Entry entry : map.entries().values()) {
      // null is wrong-type too, as in a request: an attribute without a value is left out, not written empty
      Scalar value = reader.strictString(entry.value(), "attribute '" + entry.key() + "' of a subject");
      if (value != null) {
        attributes.add(new RawAttribute(entry.key(), entry.keyPosition(), value));
      }
    }
    return attributes;
  }
}
