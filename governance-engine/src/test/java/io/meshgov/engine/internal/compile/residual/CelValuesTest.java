package io.meshgov.engine.internal.compile.residual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CelValuesTest {
  @Test
  void literal_scalars() {
    assertEquals("'a\\\\b\\'c\\n'", CelValues.literal("a\\b'c\n"));
    assertEquals("42", CelValues.literal(42L));
    assertEquals("1.0", CelValues.literal(1.0d));
    assertEquals("1.5e-10", CelValues.literal(1.5e-10d));
    assertEquals("true", CelValues.literal(true));
    assertEquals("timestamp('2026-01-01T00:00:00Z')", CelValues.literal(Instant.parse("2026-01-01T00:00:00Z")));
    assertEquals("['a', 1]", CelValues.literal(List.of("a", 1L)));
  }
}
