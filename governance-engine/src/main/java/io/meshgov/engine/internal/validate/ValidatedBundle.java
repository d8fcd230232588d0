package io.meshgov.engine.internal.validate;

import io.meshgov.api.BundleInfo;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Vocabulary;
import io.meshgov.engine.internal.load.RawDocuments.RawTestSuite;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A bundle that passed validation: its vocabulary, its catalog (in id order) and every policy set version. */
public record ValidatedBundle(
    BundleInfo info,
    Vocabulary vocabulary,
    Map<String, DataProduct> catalog,
    List<PolicySetVersion> policySets,
    List<RawTestSuite> tests) {

  public ValidatedBundle {
    catalog = Collections.unmodifiableMap(new LinkedHashMap<>(catalog));
    policySets = List.copyOf(policySets);
    tests = List.copyOf(tests);
  }
}
