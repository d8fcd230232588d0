package io.meshgov.api;

import java.util.List;

/**
 * Decides access requests against a loaded policy bundle and audits every decision.
 *
 * <p>Implementations are thread-safe and meant to be built once and shared. {@link #reload()}
 * swaps bundles atomically: a decision sees either the old bundle or the new one, never a mix.
 */
public interface GovernanceEngine extends AutoCloseable {

  /**
   * Decides one request and records it with the audit sink.
   *
   * @throws RequestException if the request names an unknown product or column
   * @throws AuditException if the audit record could not be written; the decision must not be used
   */
  Decision decide(AccessRequest request);

  /** Decides every request of a batch, in order; a bad request rejects only itself. */
  List<BatchOutcome> decideAll(List<AccessRequest> requests);

  /** Decides a request and traces every rule considered. Audited like {@link #decide}. */
  Explanation explain(AccessRequest request);

  /** The bundle decisions are currently made with. */
  BundleInfo bundle();

  /** Looks up a product of the current bundle's catalog. */
  java.util.Optional<DataProduct> product(String id);

  /**
   * Loads the bundle again from its source and swaps it in if it is valid.
   *
   * @return the problems found (warnings only) in the new bundle
   * @throws BundleRejectedException if the new bundle has errors; the previous one stays in use
   */
  List<Problem> reload();

  /** Closes the audit sink. */
  @Override
  void close();
}
