package io.meshgov.engine.internal.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void closest_transposition_suggests() {
    assertEquals("read", Suggestions.closest("raed", List.of("read", "export")));
    assertEquals("effect", Suggestions.closest("efect", List.of("effect", "when", "unless")));
    assertEquals("email", Suggestions.closest("emial", List.of("partial", "email", "year", "hash")));
  }

  @Test
  void closest_farAway_suggestsNothing() {
    assertNull(Suggestions.closest("zzzzzz", List.of("read", "export")));
  }
}
