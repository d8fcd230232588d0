package io.meshgov.engine.internal.compile.residual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cel.common.CelValidationException;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import io.meshgov.engine.internal.validate.CelSupport;
import io.meshgov.engine.internal.validate.Filter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompiledFiltersTest {
  private static Filter filter(String source) {
    try {
      var ast = ConditionEnvironment.productLevel().parse(source).getAst();
      return new Filter(source, ast, CelSupport.freeNames(ast.getExpr()));
    } catch (CelValidationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void compile_sameTextAgain_reusesTheCompiledFilter() {
    CompiledFilters filters = new CompiledFilters();
    ResidualFilter first = filters.compile(filter("region == subject.attributes.region"));

    assertSame(first, filters.compile(filter("region == subject.attributes.region")));
    assertEquals(List.of("region"), first.columns());
  }

  @Test
  void compile_twoCaches_eachCompilesItsOwn() {
    ResidualFilter first = new CompiledFilters().compile(filter("region == subject.attributes.region"));
    ResidualFilter second = new CompiledFilters().compile(filter("region == subject.attributes.region"));

    assertNotSame(first, second);
  }

  @Test
  void compile_sameTextOtherColumns_compilesAgain() {
    CompiledFilters filters = new CompiledFilters();
    Filter parsed = filter("region == subject.attributes.region");
    ResidualFilter first = filters.compile(parsed);
    ResidualFilter other = filters.compile(new Filter(parsed.source(), parsed.parsedAst(), Set.of("region", "tier")));

    assertNotSame(first, other);
    assertEquals(Set.of("region", "tier"), Set.copyOf(other.columns()));
  }
}
