package io.meshgov.server.trino;

import java.time.Duration;
import java.util.Objects;

/**
 * How the server answers Trino (docs/trino.md).
 *
 * @param filterIdentity the technical user row filters run as ({@code identity} of each filter):
 *     Trino checks a filter's columns as that user, which may read exactly the columns filters need
 * @param defaultPurpose the purpose of a user whose subject entry names none
 * @param allowWrites whether writes, DDL and grants are allowed to every user (by default denied)
 * @param writers users allowed writes and DDL whatever {@code allowWrites} says: the loaders of
 *     the tables (their reads are still decided like anyone's)
 * @param allowUnboundTables whether tables bound to no data product are readable (by default not)
 * @param decisionTtl how long one decision serves a user's calls on a table; also the time
 *     granularity of {@code at}
 * @param maxCachedDecisions the bound of the decision cache
 */
public record TrinoSettings(
    String filterIdentity,
    String defaultPurpose,
    boolean allowWrites,
    java.util.Set<String> writers,
    boolean allowUnboundTables,
    Duration decisionTtl,
    long maxCachedDecisions) {

  public static final TrinoSettings DEFAULTS =
      new TrinoSettings("meshgov-filter", "analytics", false, java.util.Set.of(), false, Duration.ofSeconds(5), 10_000);

  public TrinoSettings {
    Objects.requireNonNull(filterIdentity, "filterIdentity");
    Objects.requireNonNull(defaultPurpose, "defaultPurpose");
    Objects.requireNonNull(decisionTtl, "decisionTtl");
    writers = java.util.Set.copyOf(writers);
    if (writers.contains(filterIdentity)) {
      throw new IllegalArgumentException("the filter identity " + filterIdentity + " cannot be a writer");
    }
    if (decisionTtl.isNegative() || decisionTtl.isZero()) {
      throw new IllegalArgumentException("decisionTtl must be positive");
    }
    if (maxCachedDecisions < 1) {
      throw new IllegalArgumentException("maxCachedDecisions must be at least 1");
    }
  }
}
