package io.meshgov.api;

/**
 * Bounds that keep hostile bundles cheap to reject. Defaults: 1 MiB per file, 2,000 files, nesting
 * depth 64, 50 aliases per file, 100,000 nodes per file (aliases counted as expanded).
 */
public record LoadLimits(long maxFileBytes, int maxFiles, int maxNestingDepth, int maxAliases, int maxNodes) {
  public static final LoadLimits DEFAULTS = new LoadLimits(1L << 20, 2_000, 64, 50, 100_000);
  /**
   * For request files, where a batch of many thousand requests is normal: 512 MiB and 50 million
   * values. Nesting and aliases stay as tight as for bundles.
   */
  public static final LoadLimits REQUESTS = new LoadLimits(512L << 20, 1, 64, 50, 50_000_000);

  public LoadLimits {
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("maxFileBytes must be positive");
    }
    if (maxFiles <= 0) {
      throw new IllegalArgumentException("maxFiles must be positive");
    }
    if (maxNestingDepth <= 0) {
      throw new IllegalArgumentException("maxNestingDepth must be positive");
    }
    if (maxAliases < 0) {
      throw new IllegalArgumentException("maxAliases must not be negative");
    }
    if (maxNodes <= 0) {
      throw new IllegalArgumentException("maxNodes must be positive");
    }
  }
}
