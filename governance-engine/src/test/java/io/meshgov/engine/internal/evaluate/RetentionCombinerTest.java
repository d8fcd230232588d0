package io.meshgov.engine.internal.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;

class RetentionCombinerTest {
  @Test
  void reachBack_usesUtcCalendarArithmetic() {
    Instant at = Instant.parse("2026-03-01T00:00:00Z");
    assertEquals(Instant.parse("2026-02-01T00:00:00Z"), RetentionCombiner.reachBack(at, Period.ofMonths(1)));
    assertEquals(Instant.parse("2026-01-30T00:00:00Z"), RetentionCombiner.reachBack(at, Period.ofDays(30)));
    assertEquals(Instant.parse("2016-11-24T10:00:00Z"),
        RetentionCombiner.reachBack(Instant.parse("2026-11-24T10:00:00Z"), Period.ofYears(10)));
    // Feb 29 minus one year lands on Feb 28
    assertEquals(Instant.parse("2023-02-28T00:00:00Z"),
        RetentionCombiner.reachBack(Instant.parse("2024-02-29T00:00:00Z"), Period.ofYears(1)));
  }
}
