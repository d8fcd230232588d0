package io.meshgov.engine.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.Problem;
import io.meshgov.engine.internal.load.BundleLoader;
import io.meshgov.engine.internal.load.JsonSourceReader;
import io.meshgov.engine.internal.load.NodeReader;
import io.meshgov.engine.internal.load.OpaResultParser;
import io.meshgov.engine.internal.load.RawDocuments.RawRule;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Filters that type-checked are remembered by text and columns (the checker is costly); the
 * memory must never let a filter pass for a product it does not fit.
 */
class FiltersCheckedTest {
  private static final PolicySetVersion SET = new PolicySetVersion("finance.screening", Semver.parse("1.0.0").get(),
      new Scope("finance"), null, null, null, null, List.of(), null, "domains/finance/screening.yaml", Position.FILE);

  private static DataProduct product(ColumnType regionType) {
    return new DataProduct("finance.payments", "finance", "payments@example.com", "1.0.0", Classification.INTERNAL,
        List.of(), List.of(new Column("payment_id", ColumnType.STRING, List.of()),
            new Column("region", regionType, List.of())));
  }

  private static List<String> problems(DataProduct product, FiltersChecked checked) {
    ProblemSink problems = new ProblemSink();
    String answer = "{\"rowFilters\": [{\"rule\": \"eu\", \"expression\": \"region == 'EU'\"}]}";
    List<RawRule> raws = new OpaResultParser(new NodeReader("OPA result", problems),
        product.columns().stream().map(Column::name).toList())
        .rules(new JsonSourceReader(LoadLimits.REQUESTS).read("OPA result", answer, problems));
    OpaAnswerValidator.validate(raws, SET, product, "OPA result", problems, checked);
    return problems.problems().stream().filter(Problem::isError).map(Problem::code).toList();
  }

  @Test
  void filterThatCheckedForOneProduct_isStillCheckedForAnother() {
    DataProduct textRegion = product(ColumnType.STRING);
    DataProduct numberRegion = product(ColumnType.INTEGER);
    FiltersChecked checked = new FiltersChecked();

    assertEquals(List.of(), problems(textRegion, checked));
    assertEquals(List.of("cel-type"), problems(numberRegion, checked));
    assertEquals(List.of(), problems(textRegion, checked));
    assertEquals(List.of("cel-type"), problems(numberRegion, checked));
  }

  @Test
  void opaAnswer_checkedFilter_isRememberedByTheGivenMemoryOnly() {
    DataProduct textRegion = product(ColumnType.STRING);
    FiltersChecked checked = new FiltersChecked();

    assertEquals(List.of(), problems(textRegion, checked));

    assertTrue(checked.passed("region == 'EU'", textRegion.columns()));
    assertFalse(new FiltersChecked().passed("region == 'EU'", textRegion.columns()));
  }

  @Test
  void bundle_checkedFilters_areRememberedByTheValidatorsMemory() throws Exception {
    Path bundle = Path.of(getClass().getResource("/scenarios/row-filters/bundle.yaml").toURI()).getParent();
    FiltersChecked checked = new FiltersChecked();

    ValidatedBundle validated = new BundleValidator(checked).validate(new BundleLoader(LoadLimits.DEFAULTS).load(bundle))
        .bundleOrThrow();

    List<Column> columns = validated.catalog().get("geo.sites").columns();
    assertTrue(checked.passed("region == subject.attributes.region", columns));
    assertFalse(new FiltersChecked().passed("region == subject.attributes.region", columns));
  }
}
