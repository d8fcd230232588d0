package io.meshgov.engine.internal.load;

import io.meshgov.engine.internal.load.SourceNode.MapNode;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.Position;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The documents of a bundle as written: every value still a positioned {@link Scalar}, so the
 * validator can report where each problem is. Shapes and keys are checked; meaning is not.
 */
public final class RawDocuments {
  private RawDocuments() {}

  public record RawBundleMeta(String file, Position position, @Nullable Scalar name, @Nullable Scalar description,
      @Nullable Scalar revision, @Nullable RawVocabulary vocabulary) {}

  /** The names the council declares; a null list was absent (nothing declared of that kind, nothing checked). */
  public record RawVocabulary(Position position, @Nullable List<Scalar> tags, @Nullable List<Scalar> purposes,
      @Nullable List<Scalar> attributes, @Nullable List<Scalar> roles, @Nullable List<Scalar> groups) {}

  public record RawColumn(Position position, @Nullable Scalar name, @Nullable Scalar type, List<Scalar> tags) {}

  /** A product; {@code bindings} holds the table of each dialect written, in file order. */
  public record RawProduct(String file, Position position, @Nullable Scalar id, @Nullable Scalar domain,
      @Nullable Scalar owner, @Nullable Scalar version, @Nullable Scalar classification, List<Scalar> tags,
      List<RawColumn> columns, boolean columnsListed, Map<String, Scalar> bindings) {}

  /** A rule's match; a null list was absent (matches anything), an empty one was written {@code []}. */
  public record RawMatch(Position position, @Nullable List<Scalar> productIds, @Nullable List<Scalar> productDomains,
      @Nullable List<Scalar> productClassifications, @Nullable List<Scalar> productTags, boolean columnLevel,
      @Nullable List<Scalar> columnNames, @Nullable List<Scalar> columnTags, @Nullable List<Scalar> actions) {
    public static RawMatch empty(Position position) {
      return new RawMatch(position, null, null, null, null, false, null, null, null);
    }
  }

  /** A mask; {@code parameterKeys} holds the position of each parameter's key. */
  public record RawMask(Position position, @Nullable Scalar method, Map<String, Scalar> parameters,
      Map<String, Position> parameterKeys) {}

  /**
   * A retention; {@code anonymizeKey} is the position of the {@code anonymize} key, null when it is
   * absent, and {@code anonymize} its tags as written.
   */
  public record RawRetention(Position position, @Nullable Scalar basis, @Nullable Scalar minimum,
      @Nullable Scalar maximum, @Nullable Scalar action, boolean legalHold, @Nullable Position anonymizeKey,
      List<Scalar> anonymize) {}

  /** A rule; {@code acknowledge} lists the warning codes its author accepts (empty when none). */
  public record RawRule(Position position, @Nullable Scalar id, @Nullable Scalar kind, @Nullable Scalar description,
      RawMatch match, @Nullable Scalar when, @Nullable Scalar unless, @Nullable Scalar effect,
      @Nullable RawMask mask, @Nullable Scalar filter, @Nullable RawRetention retention, List<Scalar> acknowledge) {}

  public record RawPolicySet(String file, Position position, Position effectivePosition, @Nullable Scalar id, @Nullable Scalar version,
      @Nullable Scalar scope, @Nullable Scalar owner, @Nullable Scalar description, @Nullable Scalar effectiveFrom,
      @Nullable Scalar effectiveUntil, List<RawRule> rules, @Nullable RawOpa opa) {}

  /** A policy set's {@code opa} block: the data path OPA evaluates and which requests go there. */
  public record RawOpa(Position position, @Nullable Scalar path, RawMatch match, List<Scalar> acknowledge) {}

  public record RawTestCase(Position position, @Nullable Scalar name, @Nullable SourceNode request,
      @Nullable MapNode expect) {}

  public record RawTestSuite(String file, Position position, @Nullable Scalar name, List<RawTestCase> cases) {}

  /**
   * One entry of a subjects file (not a bundle document: its own file, read by {@link
   * SubjectsParser}); {@code attributes} in file order, each with its key's position.
   */
  public record RawSubject(Position position, @Nullable Scalar id, List<Scalar> groups, List<Scalar> roles,
      List<RawAttribute> attributes, @Nullable Scalar purpose) {}

  /** A subject attribute: the key where it is written, and its value, a string. */
  public record RawAttribute(String key, Position keyPosition, Scalar value) {}
}
