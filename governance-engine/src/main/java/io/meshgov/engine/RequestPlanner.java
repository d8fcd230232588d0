package io.meshgov.engine;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Problem;
import io.meshgov.api.RequestException;
import io.meshgov.api.Severity;
import io.meshgov.engine.internal.compile.CompiledBundle;
import io.meshgov.engine.internal.compile.ProductPlan;
import io.meshgov.engine.internal.evaluate.Evaluator;
import io.meshgov.engine.internal.validate.RequestChecks;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a request against the catalog of a compiled bundle and picks the plan of its product and
 * action at its instant: the one place decisions and OPA queries start from, so both reject the
 * same requests the same way.
 */
final class RequestPlanner {
  /** A request resolved against the catalog: its product, the indexes of its columns, and whether the product is inline. */
  record Planned(DataProduct product, int[] columns, boolean inline, Instant at, ProductPlan plan) {}

  private RequestPlanner() {}

  /** @throws RequestException if the request names an unknown product or column */
  static Planned plan(CompiledBundle bundle, AccessRequest request, InstantSource clock) {
    DataProduct product = request.inlineProduct();
    boolean inline = product != null;
    if (inline) {
      RequestChecks.Finding shadowing = RequestChecks.shadowsCatalog(product, bundle.catalog());
      if (shadowing != null) {
        throw rejected(List.of(shadowing));
      }
      if (bundle.catalog().containsKey(product.id())) {
        inline = false;
      } else {
        List<RequestChecks.Finding> findings = RequestChecks.inlineProduct(product);
        if (!findings.isEmpty()) {
          throw rejected(findings);
        }
      }
    } else {
      product = catalogProduct(bundle, request.productId());
    }
    RequestChecks.Finding purpose = RequestChecks.purpose(request.purpose(), bundle.source().vocabulary());
    if (purpose != null) {
      throw rejected(List.of(purpose));
    }
    int[] columns = columns(product, request.columns());
    Instant at = request.at() != null ? request.at() : clock.instant();
    return new Planned(product, columns, inline, at,
        Evaluator.plan(bundle, product, request.action(), at, inline, List.of()));
  }

  /**
   * A product of the catalog, for questions about it without a request (the rules that can apply).
   *
   * @throws RequestException if the catalog has no such product
   */
  static DataProduct catalogProduct(CompiledBundle bundle, String productId) {
    DataProduct product = bundle.catalog().get(productId);
    if (product == null) {
      throw rejected(List.of(RequestChecks.unknownProduct(productId, bundle.catalog().keySet())));
    }
    return product;
  }

  /**
   * The index of a column of {@code product}, checked as a request's column is.
   *
   * @throws RequestException if the product has no such column
   */
  static int columnIndex(DataProduct product, String column) {
    RequestChecks.Finding finding = RequestChecks.requestedColumn(product, List.of(column), 0);
    if (finding != null) {
      throw rejected(List.of(finding));
    }
    return indexOf(product, column);
  }

  private static int[] columns(DataProduct product, List<String> requested) {
    if (requested.isEmpty()) {
      int[] all = new int[product.columns().size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] indexes = new int[requested.size()];
    List<RequestChecks.Finding> findings = null;
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = indexOf(product, requested.get(i));
      RequestChecks.Finding finding = RequestChecks.requestedColumn(product, requested, i);
      if (finding != null) {
        if (findings == null) {
          findings = new ArrayList<>();
        }
        findings.add(finding);
      }
    }
    if (findings != null) {
      throw rejected(findings);
    }
    return indexes;
  }

  private static int indexOf(DataProduct product, String column) {
    List<Column> columns = product.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** A request built in Java has no file: its problems name {@code <request>} at 0:0. */
  private static RequestException rejected(List<RequestChecks.Finding> findings) {
    List<Problem> problems = new ArrayList<>(findings.size());
    for (RequestChecks.Finding finding : findings) {
      problems.add(new Problem(Severity.ERROR, finding.code(), "<request>", 0, 0, finding.message(), finding.help()));
    }
    return new RequestException(problems);
  }
}
