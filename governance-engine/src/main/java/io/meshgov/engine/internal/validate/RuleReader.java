package io.meshgov.engine.internal.validate;

import static io.meshgov.engine.internal.validate.Scalars.names;
import static io.meshgov.engine.internal.validate.Scalars.unknownValue;

import io.meshgov.api.DataProduct;
import io.meshgov.api.Effect;
import io.meshgov.api.Mask;
import io.meshgov.engine.internal.load.RawDocuments.RawMatch;
import io.meshgov.engine.internal.load.RawDocuments.RawRule;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks the rules of one policy set version: written in a bundle file, or contributed by
 * an OPA answer for one product (docs/opa.md), which are checked the same way. It reads the parts
 * every rule has (id, kind, effect) and hands each other part to its reader: {@link MatchReader},
 * {@link ConditionReader}, {@link MaskReader}, {@link FilterReader}, {@link RetentionReader}.
 */
final class RuleReader {
  private final String file;
  private final ProblemSink problems;
  private final MatchReader matches;
  private final ConditionReader conditions;
  private final MaskReader masks;
  private final FilterReader filters;
  private final RetentionReader retentions;

  /**
   * {@code catalog}: the products rules are checked against (the bundle's catalog, or the one
   * product an OPA answer is for); {@code scope}: the set's scope, null when it is invalid; {@code
   * checked}: the engine's memory of filters that type-checked; {@code names}: the bundle's known
   * names, null where none are checked (OPA answers).
   */
  RuleReader(String file, @Nullable String fileText, Map<String, DataProduct> catalog, @Nullable Scope scope,
      ProblemSink problems, FiltersChecked checked, @Nullable KnownNames names) {
    RuleContext context = new RuleContext(file, fileText, catalog, scope, problems, checked, names);
    this.file = file;
    this.problems = problems;
    this.matches = new MatchReader(context);
    this.conditions = new ConditionReader(context);
    this.masks = new MaskReader(context);
    this.filters = new FilterReader(context);
    this.retentions = new RetentionReader(context);
  }

  @Nullable Rule rule(RawRule raw) {
    if (raw.id() == null || raw.kind() == null) {
      return null;
    }
    int errorsBefore = problems.errorCount();
    int problemsBefore = problems.size();
    RuleKind kind = RuleKind.fromWireName(raw.kind().text()).orElse(null);
    if (kind == null) {
      unknownValue(file, raw.kind(), "rule kind", names(RuleKind.values()), problems);
      return null;
    }
    Match match = matches.match(raw.match());
    List<DataProduct> products = matches.matchedProducts(match);
    matches.checkColumnNames(raw.match(), match, products);
    boolean columnLevel = match != null && match.columnLevel();
    // column denies and masks are evaluated per column, so only their conditions may read `column`;
    // row filters and retention apply to the request as a whole, even when matched by column
    boolean perColumn = (kind == RuleKind.ACCESS && columnLevel) || kind == RuleKind.MASK;
    Condition when = conditions.condition(raw.when(), perColumn);
    Condition unless = conditions.condition(raw.unless(), perColumn);
    Effect effect = null;
    Mask mask = null;
    Filter filter = null;
    Retention retention = null;
    switch (kind) {
      case ACCESS:
        effect = effect(raw, columnLevel);
        break;
      case MASK:
        mask = masks.mask(raw, match, products);
        break;
      case ROW_FILTER:
        filter = filters.filter(raw, products);
        break;
      default:
        retention = retentions.retention(raw, products);
    }
    Acknowledgements.rule(file, raw.acknowledge(), problemsBefore, problems);
    if (problems.errorCount() > errorsBefore || match == null) {
      return null;
    }
    return new Rule(raw.id().text(), kind, raw.description() == null ? null : raw.description().text(), match,
        when, unless, effect, mask, filter, retention, file, raw.position());
  }

  /** An OPA binding's match, read as a rule's is. */
  @Nullable Match match(RawMatch raw) {
    return matches.match(raw);
  }

  private @Nullable Effect effect(RawRule raw, boolean columnLevel) {
    Scalar effect = raw.effect();
    if (effect == null) {
      problems.error("missing-key", file, raw.position(), "an access rule needs 'effect: permit' or 'effect: deny'",
          "add effect: permit or effect: deny");
      return null;
    }
    Effect value = effect.text().equals("permit") ? Effect.PERMIT : effect.text().equals("deny") ? Effect.DENY : null;
    if (value == null) {
      unknownValue(file, effect, "effect", List.of("permit", "deny"), problems);
      return null;
    }
    if (value == Effect.PERMIT && columnLevel) {
      problems.error("column-permit", file, effect.position(),
          "a column-level access rule may only deny; access is permitted per product",
          "remove match.columns to permit the product, or make this rule effect: deny");
      return null;
    }
    return value;
  }
}
