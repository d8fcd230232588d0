package io.meshgov.cli;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Action;
import io.meshgov.api.BundleInfo;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Subject;
import io.meshgov.api.SubjectEntry;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.subjects.SubjectDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who may read what: the engine's decision for every product of the catalog and every subject of a
 * subjects file, each a {@code read} of all columns at one instant. Decided with {@link
 * GovernanceEngine#simulate}, so building a map writes no audit record: it reads no data.
 *
 * @param subjectsFile the subjects file as given, for the page to name it
 * @param readers one per subject, in file order
 * @param products one per product, in catalog order
 */
record AccessMap(BundleInfo bundle, Instant at, String subjectsFile, String subjectsDigest,
    List<Reader> readers, List<ProductAccess> products) {

  AccessMap {
    readers = List.copyOf(readers);
    products = List.copyOf(products);
    for (ProductAccess product : products) {
      if (product.decisions().size() != readers.size()) {
        throw new IllegalArgumentException("product " + product.product().id() + " has "
            + product.decisions().size() + " decision(s) for " + readers.size() + " reader(s)");
      }
    }
  }

  /** A subject of the file and the purpose their requests were decided for; empty means none. */
  record Reader(Subject subject, String purpose) {
    Reader {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(purpose, "purpose");
    }
  }

  /** A product and its decisions, one per reader, in the readers' order. */
  record ProductAccess(DataProduct product, List<Decision> decisions) {
    ProductAccess {
      Objects.requireNonNull(product, "product");
      decisions = List.copyOf(decisions);
    }
  }

  /**
   * Decides every product for every subject at {@code at}. Each subject reads for their own
   * default purpose, or for none when the file gives them none; {@code purpose}, when set,
   * replaces it for everyone.
   *
   * @throws io.meshgov.api.RequestException if {@code purpose} is not one the bundle declares
   */
  static AccessMap decide(GovernanceEngine engine, SubjectDirectory subjects, String subjectsFile, Instant at,
      @Nullable String purpose) {
    List<Reader> readers = new ArrayList<>();
    for (SubjectEntry entry : subjects.entries()) {
      String readerPurpose = purpose != null ? purpose : entry.purpose() != null ? entry.purpose() : "";
      readers.add(new Reader(entry.subject(), readerPurpose));
    }
    List<ProductAccess> products = new ArrayList<>();
    for (DataProduct product : engine.catalog().values()) {
      List<Decision> decisions = new ArrayList<>();
      for (Reader reader : readers) {
        decisions.add(engine.simulate(AccessRequest.builder()
            .subject(reader.subject())
            .product(product.id())
            .action(Action.READ)
            .purpose(reader.purpose())
            .at(at)
            .build()));
      }
      products.add(new ProductAccess(product, decisions));
    }
    return new AccessMap(engine.bundle(), at, subjectsFile, subjects.digest(), readers, products);
  }
}
