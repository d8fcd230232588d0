package io.meshgov.engine.scenario;

import static io.meshgov.engine.scenario.Scenarios.request;
import static io.meshgov.engine.scenario.Scenarios.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AuditRecord;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.Problem;
import io.meshgov.api.RequestException;
import io.meshgov.api.RetentionAction;
import io.meshgov.api.RetentionJob;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link GovernanceEngine#retentionJob}: the retention rules of a product's read plan, evaluated for
 * the job's subject and combined as for a decision, whatever the access rules say about that
 * subject. Bundle {@code scenarios/retention-job}: one product per outcome; the access rule permits
 * everyone but the job's subject, and the vocabulary does not declare the job's purpose.
 */
public class RetentionJobScenario {
  private static final Instant AT = Instant.parse("2028-02-29T08:30:00Z");
  private static final List<AuditRecord> AUDITED = new ArrayList<>();

  private static GovernanceEngine engine;

  @BeforeAll
  public static void load() {
    engine = Scenarios.engine("retention-job", AUDITED::add);
  }

  @AfterAll
  public static void close() {
    engine.close();
  }

  private static RuleReference retention(String rule) {
    return rule("global.retention", rule, "1.0.0");
  }

  @Test
  public void deleteMaximum_cutoffIsAtMinusTheMaximumInCalendarArithmetic() {
    RetentionJob job = engine.retentionJob("job.deleted", AT);

    assertEquals("job.deleted", job.productId());
    assertEquals("1.0.0", job.productVersion());
    assertEquals(AT, job.at());
    // 29 February minus one year is 28 February, as for a decision's cutoff
    assertEquals(new RetentionObligation("created", null, Period.ofYears(1), RetentionAction.DELETE,
        Instant.parse("2027-02-28T08:30:00Z"), false, false), job.retention());
    assertTrue(job.due());
    assertEquals(retention("delete-after-a-year"), job.maximumRule());
    assertNull(job.minimumRule());
    assertEquals(List.of(), job.legalHoldRules());
    assertEquals(List.of(), job.anonymizeColumns());
    assertEquals(List.of(retention("delete-after-a-year")), job.rules());
  }

  @Test
  public void legalHold_removesTheMaximumAndNamesTheHold() {
    RetentionJob job = engine.retentionJob("job.held", AT);

    assertEquals(new RetentionObligation("created", null, null, RetentionAction.DELETE, null, false, true),
        job.retention());
    assertFalse(job.due());
    assertNull(job.maximumRule());
    assertEquals(List.of(retention("hold")), job.legalHoldRules());
    assertEquals(List.of(retention("delete-after-a-year"), retention("hold")), job.rules());
  }

  @Test
  public void conflict_keepsTheMinimumWithoutCutoff() {
    RetentionJob job = engine.retentionJob("job.conflicted", AT);

    assertEquals(new RetentionObligation("created", Period.ofYears(5), Period.ofYears(2), RetentionAction.DELETE,
        null, true, false), job.retention());
    assertFalse(job.due());
    assertEquals(retention("delete-after-two-years"), job.maximumRule());
    assertEquals(retention("keep-five-years"), job.minimumRule());
  }

  @Test
  public void noMaximum_nothingIsDue() {
    RetentionJob job = engine.retentionJob("job.kept", AT);

    assertEquals(new RetentionObligation("created", Period.ofYears(3), null, RetentionAction.ARCHIVE, null, false,
        false), job.retention());
    assertFalse(job.due());
    assertNull(job.maximumRule());
    assertEquals(retention("keep-three-years"), job.minimumRule());
  }

  @Test
  public void anonymize_resolvesColumnsThroughTheTagHierarchy() {
    RetentionJob job = engine.retentionJob("job.anonymized", AT);

    assertEquals(List.of("pii"), job.retention().anonymize());
    // pii matches pii.email and pii.name, never piiish
    assertEquals(List.of("contact_email", "contact_name"), job.anonymizeColumns());
    assertTrue(job.due());
  }

  @Test
  public void conditionOnSubjectAttributes_resolvesForTheJobAsForAReaderWithoutThem() {
    RetentionJob job = engine.retentionJob("job.regional", AT);
    Decision reader = engine.simulate(request(Subject.of("ann"), "job.regional").purpose("reporting").at(AT).build());

    assertEquals(Effect.PERMIT, reader.effect());
    assertEquals(reader.retention(), job.retention());
    // the missing region attribute makes 'when' fail: a retention rule then applies
    assertEquals(List.of(retention("eu-only")), job.rules());
    assertEquals(Period.ofMonths(6), job.retention().maximum());
  }

  @Test
  public void accessRulesThatDenyTheJobsSubject_doNotMatter() {
    Decision asReader = engine.simulate(request(Subject.of(RetentionJob.SUBJECT), "job.deleted").purpose("reporting")
        .at(AT).build());
    assertEquals(Effect.DENY, asReader.effect());

    RetentionJob job = engine.retentionJob("job.deleted", AT);
    assertNotNull(job.retention());
    assertTrue(job.due());
  }

  @Test
  public void theJob_isNotAudited() {
    AUDITED.clear();
    engine.retentionJob("job.anonymized", AT);
    assertEquals(List.of(), AUDITED);
  }

  @Test
  public void unknownProduct_isRejectedWithDidYouMean() {
    RequestException e = assertThrows(RequestException.class, () -> engine.retentionJob("job.delted", AT));
    Problem problem = e.problems().get(0);
    assertEquals("unknown-product", problem.code());
    assertEquals("did you mean 'job.deleted'?", problem.help());
  }
}
