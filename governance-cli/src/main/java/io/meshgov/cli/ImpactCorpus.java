package io.meshgov.cli;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Action;
import io.meshgov.api.PolicyTestRequest;
import io.meshgov.api.Subject;
import io.meshgov.api.Vocabulary;
import io.meshgov.engine.GovernanceEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The requests {@code impact} decides under both bundles: every subject of the subjects file ×
 * every catalog product of either bundle × each action × each declared purpose of either bundle
 * and none; then the requests of {@code --requests}; then every PolicyTest case of both bundles.
 */
final class ImpactCorpus {
  /** One request and where it comes from, as the report names it. */
  record Item(AccessRequest request, String context) {}

  private final List<Subject> subjects;
  private final Set<String> products = new TreeSet<>();
  private final Set<String> purposes = new TreeSet<>();
  private final List<PolicyTestRequest> tests = new ArrayList<>();

  ImpactCorpus(List<Subject> subjects, GovernanceEngine base, GovernanceEngine proposed) {
    this.subjects = List.copyOf(subjects);
    products.addAll(base.catalog().keySet());
    products.addAll(proposed.catalog().keySet());
    purposes.add("");
    addPurposes(base.vocabulary());
    addPurposes(proposed.vocabulary());
    tests.addAll(base.policyTestRequests());
    tests.addAll(proposed.policyTestRequests());
  }

  private void addPurposes(Vocabulary vocabulary) {
    if (vocabulary.purposes() != null) {
      purposes.addAll(vocabulary.purposes());
    }
  }

  Set<String> products() {
    return products;
  }

  int purposeCount() {
    return purposes.size();
  }

  int subjectCount() {
    return subjects.size();
  }

  int testCount() {
    return tests.size();
  }

  /**
   * Every generated request on {@code product}, one at a time: a corpus of many thousands is
   * never held whole.
   */
  void forEachGenerated(String product, java.time.Instant at, Consumer<Item> action) {
    {
      for (Subject subject : subjects) {
        for (Action verb : Action.values()) {
          for (String purpose : purposes) {
            AccessRequest request = AccessRequest.builder().subject(subject).product(product).action(verb)
                .purpose(purpose).at(at).build();
            action.accept(new Item(request, verb.wireName() + " for " + (purpose.isEmpty() ? "no purpose" : purpose)));
          }
        }
      }
    }
  }

  void forEachTest(Consumer<Item> action) {
    for (PolicyTestRequest test : tests) {
      action.accept(new Item(test.request(), "test " + test.file() + ":" + test.line() + " " + test.name()));
    }
  }
}
