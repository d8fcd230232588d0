package io.meshgov.engine.internal.load;

import io.meshgov.api.Problem;
import io.meshgov.engine.internal.load.RawDocuments.RawBundleMeta;
import io.meshgov.engine.internal.load.RawDocuments.RawPolicySet;
import io.meshgov.engine.internal.load.RawDocuments.RawProduct;
import io.meshgov.engine.internal.load.RawDocuments.RawTestSuite;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything read from a bundle directory: its documents, the source text of each file (for carets
 * in messages), its digest, and the problems found while reading.
 */
public record RawBundle(
    String root,
    String digest,
    Map<String, String> sources,
    @Nullable RawBundleMeta meta,
    List<RawProduct> products,
    List<RawPolicySet> policySets,
    List<RawTestSuite> tests,
    List<Problem> problems) {

  public RawBundle {
    sources = Map.copyOf(sources);
    products = List.copyOf(products);
    policySets = List.copyOf(policySets);
    tests = List.copyOf(tests);
    problems = List.copyOf(problems);
  }
}
