package io.meshgov.engine.internal.validate;

import io.meshgov.api.Vocabulary;
import io.meshgov.engine.internal.load.RawDocuments.RawBundleMeta;
import io.meshgov.engine.internal.load.RawDocuments.RawColumn;
import io.meshgov.engine.internal.load.RawDocuments.RawProduct;
import io.meshgov.engine.internal.load.RawDocuments.RawVocabulary;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code vocabulary} of {@code bundle.yaml}: each name well formed, tags dotted. When tags
 * are declared, it also checks every tag the catalog's products and columns carry against them.
 */
final class VocabularyReader {
  private VocabularyReader() {}

  static Vocabulary read(@Nullable RawBundleMeta meta, ProblemSink problems) {
    RawVocabulary raw = meta == null ? null : meta.vocabulary();
    if (raw == null) {
      return Vocabulary.NONE;
    }
    String file = meta.file();
    if (raw.tags() != null) {
      ProductValidator.checkTags(file, raw.tags(), problems);
    }
    return new Vocabulary(names(file, raw.tags(), problems), names(file, raw.purposes(), problems),
        names(file, raw.attributes(), problems), names(file, raw.roles(), problems),
        names(file, raw.groups(), problems));
  }

  /** Every tag of a catalog product or column, when the vocabulary declares tags. */
  static void checkCatalogTags(List<RawProduct> products, KnownNames names, ProblemSink problems) {
    for (RawProduct product : products) {
      for (Scalar tag : product.tags()) {
        names.catalogTag(product.file(), tag, problems);
      }
      for (RawColumn column : product.columns()) {
        for (Scalar tag : column.tags()) {
          names.catalogTag(product.file(), tag, problems);
        }
      }
    }
  }

  private static @Nullable Set<String> names(String file, @Nullable List<Scalar> scalars, ProblemSink problems) {
    if (scalars == null) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    for (Scalar scalar : scalars) {
      if (scalar.text().isBlank()) {
        problems.error("invalid-name", file, scalar.position(), "a vocabulary name is empty", "remove it, or write the name");
      } else {
        names.add(scalar.text());
      }
    }
    return names;
  }
}
