package io.meshgov.api;

import java.util.Locale;

/**
 * What became of one rule of a product's plan in an explanation (docs/cli.md, explain): evaluated
 * ({@link #APPLIES}, {@link #SKIPPED}), or left out before its conditions were evaluated, for the
 * first reason in the order of docs/combining.md.
 */
public enum TraceStatus {
  /** Evaluated, and it applies. */
  APPLIES,
  /** Evaluated; its {@code when} or {@code unless} kept it from applying. */
  SKIPPED,
  /** Its policy set version is not the one in force at the request's instant. */
  NOT_IN_FORCE,
  /** Its {@code match} leaves out the request's action, or every column of the product. */
  EXCLUDED,
  /** A column rule whose columns of the product the request does not name. */
  NOT_REQUESTED,
  /** Selected for the request but not evaluated: the request is denied, so only access rules are. */
  NOT_EVALUATED;

  /** {@code applies}, {@code skipped}, {@code not-in-force}, {@code excluded}, {@code not-requested}, {@code not-evaluated}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the rule's conditions were evaluated: {@link #APPLIES} or {@link #SKIPPED}. */
  public boolean evaluated() {
    return this == APPLIES || this == SKIPPED;
  }
}
