/**
 * The meshgov engine: loads, validates and compiles policy bundles, decides requests and audits
 * every decision.
 *
 * <p>Exported, and so API: {@code io.meshgov.engine} (the {@link io.meshgov.engine.GovernanceEngine}
 * entry point and {@link io.meshgov.engine.RowFilters}), {@code io.meshgov.engine.audit} (audit
 * sinks), {@code io.meshgov.engine.mask} (mask functions), {@code io.meshgov.engine.json} (the
 * JSON forms of requests, decisions and audit records) and {@code io.meshgov.engine.subjects} (the
 * subjects file). The pipeline's stages live under {@code
 * io.meshgov.engine.internal} and are not exported: they may change in any release.
 *
 * <p>CEL-Java 0.14 is not a module and splits packages across its jars, so it cannot sit on the
 * module path. It stays on the class path, and this module reads it there: run with {@code
 * --add-reads io.meshgov.engine=ALL-UNNAMED} (see docs/embedding.md, "On the module path").
 */
module io.meshgov.engine {
  requires transitive io.meshgov.api;
  requires static org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires com.github.benmanes.caffeine;
  requires okhttp3;
  requires org.slf4j;
  requires org.yaml.snakeyaml;

  exports io.meshgov.engine;
  exports io.meshgov.engine.audit;
  exports io.meshgov.engine.json;
  exports io.meshgov.engine.mask;
  exports io.meshgov.engine.subjects;

  // the SQL renderer reads row filters in the very CEL environment the engine checks them in
  exports io.meshgov.engine.internal.cel to io.meshgov.sql;
}
