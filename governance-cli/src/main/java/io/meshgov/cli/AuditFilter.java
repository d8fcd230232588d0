package io.meshgov.cli;

import io.meshgov.api.AuditRecord;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which audit records {@code governance audit} answers with: every criterion given must hold, an
 * absent (null) one holds for every record. Values are already checked by {@link AuditFilterOptions}.
 *
 * @param effect without {@code column} the decision's effect ({@code permit}, {@code deny}); with
 *     it, the column's treatment: {@code allow}, {@code deny}, {@code mask} (any method) or {@code mask:<method>}
 * @param rule {@code set/rule} (any version) or {@code set/rule@version} (exactly)
 * @param from inclusive lower bound on the record's {@code time}
 * @param to exclusive upper bound on the record's {@code time}
 */
record AuditFilter(@Nullable String subject, @Nullable String product, @Nullable String column,
    @Nullable String effect, @Nullable String rule, @Nullable Instant from, @Nullable Instant to) {

  static final String ANY_MASK = "mask";

  boolean matches(AuditRecord record) {
    return (subject == null || subject.equals(record.subject()))
        && (product == null || product.equals(record.product()))
        && columnAndEffectMatch(record)
        && (rule == null || record.rules().stream().anyMatch(this::ruleMatches))
        && (from == null || !record.time().isBefore(from))
        && (to == null || record.time().isBefore(to));
  }

  private boolean columnAndEffectMatch(AuditRecord record) {
    if (column == null) {
      return effect == null || effect.equals(record.effect().wireName());
    }
    // a denied decision has no columns ({}), so it never concerns a column
    String treatment = record.columns().get(column);
    if (treatment == null) {
      return false;
    }
    if (effect == null) {
      return true;
    }
    return effect.equals(ANY_MASK) ? treatment.startsWith(ANY_MASK + ":") : effect.equals(treatment);
  }

  /** Records name rules {@code set/rule@version}; without a version asked for, any version matches. */
  private boolean ruleMatches(String applied) {
    if (rule.indexOf('@') >= 0) {
      return rule.equals(applied);
    }
    int at = applied.lastIndexOf('@');
    return (at < 0 ? applied : applied.substring(0, at)).equals(rule);
  }
}
