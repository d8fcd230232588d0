package io.meshgov.engine.internal.compile.residual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cel.common.CelValidationResult;
import dev.cel.runtime.CelVariableResolver;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import io.meshgov.engine.internal.validate.CelSupport;
import io.meshgov.engine.internal.validate.Filter;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResidualFilterTest {
  private static final Map<String, Object> EU_ANALYST = Map.of(
      ConditionEnvironment.SUBJECT_ID, "alice",
      ConditionEnvironment.SUBJECT_ROLES, List.of("analyst"),
      ConditionEnvironment.SUBJECT_GROUPS, List.of("finance", "employees"),
      ConditionEnvironment.SUBJECT_ATTRIBUTES, Map.of("region", "EU", "team", "o'brien"),
      ConditionEnvironment.REQUEST_PURPOSE, "reporting",
      ConditionEnvironment.REQUEST_ACTION, "read",
      ConditionEnvironment.REQUEST_AT, Instant.parse("2026-11-24T10:00:00Z"),
      ConditionEnvironment.PRODUCT_ID, "finance.invoices");

  private static String residual(String source, Map<String, Object> variables) {
    CelValidationResult parsed = ConditionEnvironment.productLevel().parse(source);
    try {
      Filter filter = new Filter(source, parsed.getAst(), CelSupport.freeNames(parsed.getAst().getExpr()));
      CelVariableResolver resolver = name -> Optional.ofNullable(variables.get(name));
      return ResidualFilter.compile(filter).evaluate(resolver).expression();
    } catch (dev.cel.common.CelValidationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void evaluate_subjectAttribute_substitutesLiteral() {
    assertEquals("region == 'EU'", residual("region == subject.attributes.region", EU_ANALYST));
  }

  @Test
  void evaluate_quoteInValue_escapes() {
    assertEquals("team == 'o\\'brien'", residual("team == subject.attributes.team", EU_ANALYST));
  }

  @Test
  void evaluate_knownTrueDisjunct_foldsToTrue() {
    assertEquals("true", residual("'analyst' in subject.roles || region == 'EU'", EU_ANALYST));
  }

  @Test
  void evaluate_knownFalseDisjunct_leavesOtherSide() {
    assertEquals("region == 'EU'", residual("'admin' in subject.roles || region == subject.attributes.region", EU_ANALYST));
  }

  @Test
  void evaluate_knownFalseConjunct_foldsToFalse() {
    assertEquals("false", residual("'admin' in subject.roles && region == 'EU'", EU_ANALYST));
  }

  @Test
  void evaluate_missingAttribute_hidesEveryRow() {
    assertEquals("false", residual("region == subject.attributes.country", EU_ANALYST));
  }

  @Test
  void evaluate_missingAttributeOrColumnTest_keepsColumnTest() {
    // error || r is visible exactly where r is true
    assertEquals("amount < 100.0", residual("region == subject.attributes.country || amount < 100.0", EU_ANALYST));
  }

  @Test
  void evaluate_missingAttributeAndColumnTest_hidesEveryRow() {
    assertEquals("false", residual("region == subject.attributes.country && amount < 100.0", EU_ANALYST));
  }

  @Test
  void evaluate_negatedMissingAttribute_hidesEveryRow() {
    assertEquals("false", residual("!(region == subject.attributes.country)", EU_ANALYST));
  }

  /** Found by differential testing: an absorbed error must not be absorbed again under '!'. */
  @Test
  void evaluate_erringDisjunctUnderNegation_hidesEveryRow() {
    // !(error || r): hidden where r is true (false) and where it is false (error)
    assertEquals("false", residual("!(status == subject.attributes.country || status == 'x1')", EU_ANALYST));
  }

  @Test
  void evaluate_erringConjunctUnderNegation_keepsOnlyTheRowsWhereTheOtherSideIsFalse() {
    // !(r && error): visible only where r is false
    assertEquals("!(qty > 5)", residual("!(qty > 5 && subject.attributes.country == 'EU')", EU_ANALYST));
  }

  @Test
  void evaluate_negatedDisjunctionWithoutErrors_keepsItsShape() {
    assertEquals("!(country == 'EU' || tier > 3)", residual("!(country == subject.attributes.region || tier > 3)", EU_ANALYST));
  }

  @Test
  void evaluate_listValue_rendersList() {
    assertEquals("owner_group in ['finance', 'employees']", residual("owner_group in subject.groups", EU_ANALYST));
  }

  @Test
  void evaluate_precedence_keepsParentheses() {
    assertEquals("(a == 1 || b == 2) && c == 'EU'",
        residual("(a == 1 || b == 2) && c == subject.attributes.region", EU_ANALYST));
    assertEquals("a - (b - 1) > 0", residual("a - (b - 1) > 0", EU_ANALYST));
    assertEquals("!(a == 1)", residual("!(a == 1)", EU_ANALYST));
  }

  @Test
  void evaluate_memberCallsAndTimestamps_render() {
    assertEquals("name.startsWith('EU') && size(code) > 2 && booked >= timestamp('2016-11-24T10:00:00Z')",
        residual("name.startsWith(subject.attributes.region) && size(code) > 2 && booked >= request.at - duration('87648h')",
            EU_ANALYST));
  }

  @Test
  void evaluate_doubleLiteral_keepsDecimalPoint() {
    assertEquals("amount > 100.0", residual("amount > 100.0", EU_ANALYST));
  }

  @Test
  void evaluate_noKnownParts_isFoldedOnceForEveryDecision() {
    String source = "consent_marketing == true && !(tier > 2)";
    CelValidationResult parsed = ConditionEnvironment.productLevel().parse(source);
    try {
      Filter filter = new Filter(source, parsed.getAst(), CelSupport.freeNames(parsed.getAst().getExpr()));
      ResidualFilter compiled = ResidualFilter.compile(filter);
      ResidualFilter.Residual first = compiled.evaluate(name -> Optional.ofNullable(EU_ANALYST.get(name)));

      assertEquals("consent_marketing == true && !(tier > 2)", first.expression());
      assertNull(first.error());
      assertSame(first, compiled.evaluate(name -> Optional.empty()));
    } catch (dev.cel.common.CelValidationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void evaluate_reportsFirstError() {
    CelValidationResult parsed = ConditionEnvironment.productLevel().parse("region == subject.attributes.country");
    try {
      Filter filter = new Filter("x", parsed.getAst(), CelSupport.freeNames(parsed.getAst().getExpr()));
      Map<String, Object> variables = new HashMap<>(EU_ANALYST);
      ResidualFilter.Residual residual = ResidualFilter.compile(filter).evaluate(name -> Optional.ofNullable(variables.get(name)));
      assertNotNull(residual.error());
      ResidualFilter.Residual fine = ResidualFilter.compile(filter).evaluate(
          name -> Optional.ofNullable(name.equals(ConditionEnvironment.SUBJECT_ATTRIBUTES) ? Map.of("country", "DE") : variables.get(name)));
      assertEquals("region == 'DE'", fine.expression());
      assertNull(fine.error());
    } catch (dev.cel.common.CelValidationException e) {
      throw new AssertionError(e);
    }
  }
}
