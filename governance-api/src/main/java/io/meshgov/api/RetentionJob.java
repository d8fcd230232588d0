package io.meshgov.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the retention job must do to one catalog product at {@code at} (docs/retention.md): the
 * retention in force for the job's subject ({@link #SUBJECT}, no groups, roles or attributes;
 * action read; purpose {@link #PURPOSE}), combined as for any reader, whatever the access rules say
 * about that subject.
 *
 * @param retention the combined retention, or null when no retention rule applies
 * @param maximumRule the rule that sets the effective maximum, if any
 * @param minimumRule the rule that sets the effective minimum, if any
 * @param legalHoldRules the legal holds that apply (a hold removes the maximum)
 * @param anonymizeColumns for {@code action: anonymize}, the product's columns carrying one of the
 *     rule's {@code anonymize} tags (its own tags, hierarchically), in catalog order; else empty
 * @param rules every retention rule that applied, in tie-break order
 */
public record RetentionJob(
    String productId,
    String productVersion,
    Instant at,
    @Nullable RetentionObligation retention,
    @Nullable RuleReference maximumRule,
    @Nullable RuleReference minimumRule,
    List<RuleReference> legalHoldRules,
    List<String> anonymizeColumns,
    List<RuleReference> rules) {

  /** The subject the retention job decides as. */
  public static final String SUBJECT = "meshgov-retention";

  /** The purpose the retention job decides for. */
  public static final String PURPOSE = "retention";

  public RetentionJob {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(productVersion, "productVersion");
    Objects.requireNonNull(at, "at");
    legalHoldRules = List.copyOf(legalHoldRules);
    anonymizeColumns = List.copyOf(anonymizeColumns);
    rules = List.copyOf(rules);
  }

  /** Whether rows are due: a cutoff in force (a maximum, no legal hold, no conflict). */
  public boolean due() {
    return retention != null && retention.cutoff() != null;
  }
}
