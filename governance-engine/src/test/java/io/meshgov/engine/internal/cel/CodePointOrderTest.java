package io.meshgov.engine.internal.cel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cel.bundle.Cel;
import org.junit.jupiter.api.Test;

class CodePointOrderTest {
  private static boolean eval(String expression) throws Exception {
    Cel cel = ConditionEnvironment.knownPart();
    return (Boolean) cel.createProgram(cel.compile(expression).getAst()).eval();
  }

  /** U+FF21 is above every BMP code point but below U+1F600, which UTF-16 writes as D83D DE00. */
  @Test
  void charactersBeyondTheBmpSortAfterTheRestOfTheBmp() throws Exception {
    assertEquals(true, eval("'\\uff21' < '\\U0001F600'"));
    assertEquals(true, eval("'\\uff21' <= '\\U0001F600'"));
    assertEquals(false, eval("'\\uff21' > '\\U0001F600'"));
    assertEquals(false, eval("'\\uff21' >= '\\U0001F600'"));
    assertEquals(true, eval("'a\\U0001F600' > 'a\\ufffd'"));
  }

  @Test
  void ordinaryStringsKeepTheirOrder() throws Exception {
    assertEquals(true, eval("'abc' < 'abd'"));
    assertEquals(true, eval("'ab' < 'abc'"));
    assertEquals(true, eval("'' <= ''"));
    assertEquals(false, eval("'b' < 'a'"));
    assertEquals(true, eval("'\\U0001F600' < '\\U0001F601'"));
  }

  @Test
  void compareAgreesWithCodePointArrays() {
    String[] samples = {"", "a", "\uff21", "\ud83d\ude00", "\ud83d\ude01", "a\ud83d\ude00", "a\uffff", "\ud7ff", "\ue000"};
    for (String a : samples) {
      for (String b : samples) {
        int expected = Integer.signum(java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
        assertEquals(expected, Integer.signum(CodePointOrder.compare(a, b)), a + " vs " + b);
      }
    }
  }
}
