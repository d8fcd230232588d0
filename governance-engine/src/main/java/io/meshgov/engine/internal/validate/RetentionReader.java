package io.meshgov.engine.internal.validate;

import static io.meshgov.engine.internal.validate.Scalars.names;
import static io.meshgov.engine.internal.validate.Scalars.unknownValue;

import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.RetentionAction;
import io.meshgov.engine.internal.load.RawDocuments.RawRetention;
import io.meshgov.engine.internal.load.RawDocuments.RawRule;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.problem.Suggestions;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks a retention rule's {@code retention}: ISO-8601 periods, the action, a basis that
 * is a date or timestamp column of every product the rule matches, and the {@code anonymize} tags
 * that {@code action: anonymize} needs and no other action takes.
 */
final class RetentionReader {
  private final String file;
  private final ProblemSink problems;
  private final @Nullable KnownNames names;

  RetentionReader(RuleContext context) {
    this.file = context.file();
    this.problems = context.problems();
    this.names = context.names();
  }

  @Nullable Retention retention(RawRule raw, List<DataProduct> products) {
    RawRetention rawRetention = raw.retention();
    if (rawRetention == null) {
      problems.error("missing-key", file, raw.position(),
          "a retention rule needs 'retention: {basis, minimum, maximum, action}' or 'legalHold: true'",
          "add e.g. retention: {basis: created_at, maximum: P7Y, action: delete}");
      return null;
    }
    Period minimum = period(rawRetention.minimum());
    Period maximum = period(rawRetention.maximum());
    RetentionAction action = null;
    if (rawRetention.action() != null) {
      action = RetentionAction.fromWireName(rawRetention.action().text()).orElse(null);
      if (action == null) {
        unknownValue(file, rawRetention.action(), "retention action", names(RetentionAction.values()), problems);
      }
    }
    Scalar basis = rawRetention.basis();
    if (rawRetention.maximum() != null && basis == null) {
      problems.error("missing-basis", file, rawRetention.position(), "a retention maximum needs a 'basis' date column",
          "add basis: <the date or timestamp column rows age by>");
    }
    if (rawRetention.minimum() == null && rawRetention.maximum() == null && !rawRetention.legalHold()) {
      problems.error("empty-retention", file, rawRetention.position(),
          "the retention rule sets no minimum, no maximum and no legal hold", "add minimum, maximum or legalHold: true");
    }
    if (basis != null) {
      for (DataProduct product : products) {
        Optional<Column> column = product.column(basis.text());
        if (column.isEmpty()) {
          String suggestion = Suggestions.closest(basis.text(), product.columns().stream().map(Column::name).toList());
          problems.error("retention-basis", file, basis.position(),
              "retention basis '" + basis.text() + "' is not a column of product " + product.id(),
              suggestion != null ? "did you mean '" + suggestion + "'?"
                  : "name a date or timestamp column present in every product the rule matches");
        } else if (!column.get().type().isTemporal()) {
          problems.error("retention-basis", file, basis.position(),
              "retention basis '" + basis.text() + "' of product " + product.id() + " is a "
                  + column.get().type().wireName() + " column, not a date or timestamp",
              "name a date or timestamp column");
        }
      }
    }
    List<String> anonymize = anonymize(rawRetention, action);
    return new Retention(basis == null ? null : basis.text(), minimum, maximum, action, rawRetention.legalHold(),
        anonymize);
  }

  /**
   * The tags whose columns {@code action: anonymize} clears. A rule an OPA answer contributes has no
   * {@code anonymize} key (docs/opa.md) and is not held to it: it has no known names either.
   */
  private List<String> anonymize(RawRetention raw, @Nullable RetentionAction action) {
    if (action != RetentionAction.ANONYMIZE) {
      if (raw.anonymizeKey() != null) {
        problems.error("key-not-for-action", file, raw.anonymizeKey(),
            "'anonymize' is only for action: anonymize",
            "remove anonymize, or set action: anonymize");
      }
      return List.of();
    }
    if (names == null) {
      return texts(raw.anonymize());
    }
    if (raw.anonymizeKey() == null || raw.anonymize().isEmpty()) {
      // without tags the job would not know which columns to clear
      problems.error("missing-key", file, raw.anonymizeKey() != null ? raw.anonymizeKey() : raw.position(),
          raw.anonymizeKey() == null ? "action: anonymize needs 'anonymize': the tags whose columns are cleared"
              : "'anonymize' names no tag: action: anonymize needs the tags whose columns are cleared",
          "add e.g. anonymize: [pii]");
      return List.of();
    }
    if (ProductValidator.checkTags(file, raw.anonymize(), problems)) {
      for (Scalar tag : raw.anonymize()) {
        names.ruleTag(file, tag, problems);
      }
    }
    return texts(raw.anonymize());
  }

  private static List<String> texts(List<Scalar> scalars) {
    return scalars.stream().map(Scalar::text).toList();
  }

  private @Nullable Period period(@Nullable Scalar scalar) {
    if (scalar == null) {
      return null;
    }
    try {
      Period period = Period.parse(scalar.text());
      if (period.isNegative()) {
        problems.error("invalid-period", file, scalar.position(), "retention period '" + scalar.text() + "' is negative",
            "write a period like P7Y or P18M");
        return null;
      }
      return period;
    } catch (DateTimeParseException e) {
      problems.error("invalid-period", file, scalar.position(),
          "'" + scalar.text() + "' is not an ISO-8601 period", "write a period like P7Y, P18M or P30D");
      return null;
    }
  }
}
