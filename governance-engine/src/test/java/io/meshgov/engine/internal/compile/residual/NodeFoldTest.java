package io.meshgov.engine.internal.compile.residual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The node classes on their own: trees built by hand, known values given directly ({@link
 * Fold#ERROR} where a known part erred), folded where true and rendered as a decision does.
 */
class NodeFoldTest {
  private static final Object ERR = Fold.ERROR;

  private static String residual(Node root, Object... values) {
    Object folded = root.whenTrue(values);
    if (folded instanceof Node node) {
      StringBuilder out = new StringBuilder();
      node.render(values, out, Precedence.TOP);
      return out.toString();
    }
    return Boolean.TRUE.equals(folded) ? "true" : "false";
  }

  private static ColumnRef column(String name) {
    return new ColumnRef(name);
  }

  private static Infix eq(Node left, Node right) {
    return new Infix(Operator.EQUALS, left, right);
  }

  private static Known known(int slot) {
    return new Known(slot);
  }

  @Test
  void not_erringOperand_hidesEveryRow() {
    // !(region == error) errs on every row
    assertEquals("false", residual(new Not(eq(column("region"), known(0))), ERR));
  }

  @Test
  void not_withoutErrors_negates() {
    assertEquals("!(region == 'EU')", residual(new Not(eq(column("region"), known(0))), "EU"));
  }

  @Test
  void and_erringSide_hidesEveryRow() {
    assertEquals("false", residual(new And(eq(column("region"), known(0)), known(1)), "EU", ERR));
    assertEquals("false", residual(new And(known(1), eq(column("region"), known(0))), "EU", ERR));
  }

  @Test
  void or_erringSide_keepsTheOtherSide() {
    // error || r is visible exactly where r is true
    assertEquals("amount < 100", residual(new Or(known(0), new Infix(Operator.LESS, column("amount"), known(1))),
        ERR, 100L));
    assertEquals("amount < 100", residual(new Or(new Infix(Operator.LESS, column("amount"), known(1)), known(0)),
        ERR, 100L));
  }

  @Test
  void not_erringDisjunct_hidesEveryRow() {
    // !(error || r): hidden where r is true (false) and where it is false (error)
    assertEquals("false", residual(new Not(new Or(known(0), eq(column("status"), new Literal("x1")))), ERR));
  }

  @Test
  void not_erringConjunct_keepsTheRowsWhereTheOtherSideIsFalse() {
    // !(r && error): visible only where r is false
    Node qty = new Infix(Operator.GREATER, column("qty"), new Literal(5L));
    assertEquals("!(qty > 5)", residual(new Not(new And(qty, known(0))), ERR));
  }

  @Test
  void nestedNegation_erringDisjunct_keepsTheOtherSide() {
    // !!(error || r) is true exactly where error || r is: where r is
    Node status = eq(column("status"), new Literal("x1"));
    assertEquals("status == 'x1'", residual(new Not(new Not(new Or(known(0), status))), ERR));
  }

  @Test
  void nestedNegation_withoutErrors_cancels() {
    assertEquals("region == 'EU'", residual(new Not(new Not(eq(column("region"), known(0)))), "EU"));
    assertEquals("!(region == 'EU')", residual(new Not(new Not(new Not(eq(column("region"), known(0))))), "EU"));
  }

  @Test
  void negatedConnectives_withoutErrors_keepTheirShape() {
    Node a = eq(column("a"), new Literal(1L));
    Node b = eq(column("b"), known(0));
    assertEquals("!(a == 1 || b == 2)", residual(new Not(new Or(a, b)), 2L));
    assertEquals("!(a == 1 && b == 2)", residual(new Not(new And(a, b)), 2L));
  }

  @Test
  void negatedConnectives_withAnError_foldByDeMorgan() {
    Node a = eq(column("a"), new Literal(1L));
    Node b = eq(column("b"), new Literal(2L));
    // !(a || (b && error)): false(a) && false(b && error) = !a && (!b || false)
    assertEquals("!(a == 1) && !(b == 2)", residual(new Not(new Or(a, new And(b, known(0)))), ERR));
    // !((a || b) && error): false(a || b) || false(error), and a || b, without errors, keeps its shape
    assertEquals("!(a == 1 || b == 2)", residual(new Not(new And(new Or(a, b), known(0))), ERR));
  }

  @Test
  void connectiveInsideAComparison_erringPart_hidesEveryRow() {
    // (error || a) == b is folded strictly: the nested || does not absorb the error
    Node nested = eq(new Or(known(0), eq(column("a"), new Literal(1L))), column("b"));
    assertEquals("false", residual(nested, ERR));
    assertEquals("(true || a == 1) == b", residual(nested, true));
  }

  @Test
  void in_knownList_rendersTheList() {
    assertEquals("region in ['EU', 'DE']", residual(new Infix(Operator.IN, column("region"), known(0)),
        List.of("EU", "DE")));
  }

  @Test
  void in_listWithAColumn_erringElement_hidesEveryRow() {
    Node in = new Infix(Operator.IN, new Literal("EU"), new ListOf(new Node[] {column("home"), known(0)}));
    assertEquals("false", residual(in, ERR));
    assertEquals("'EU' in [home, 'DE']", residual(in, "DE"));
    assertEquals("!('EU' in [home, 'DE'])", residual(new Not(in), "DE"));
  }

  @Test
  void methodCall_knownArgument_rendersOnItsTarget() {
    Call startsWith = new Call("startsWith", column("name"), new Node[] {known(0)});
    assertEquals("name.startsWith('EU')", residual(startsWith, "EU"));
    assertEquals("false", residual(startsWith, ERR));
    assertEquals("false", residual(new Not(startsWith), ERR));
  }

  @Test
  void methodCall_knownTarget_rendersTheValue() {
    assertEquals("'EU-west'.startsWith(name)",
        residual(new Call("startsWith", known(0), new Node[] {column("name")}), "EU-west"));
    assertEquals("size(code) > 2",
        residual(new Infix(Operator.GREATER, new Call("size", null, new Node[] {column("code")}), known(0)), 2L));
  }

  @Test
  void unaryMinus_rendersWithTheParenthesesItNeeds() {
    Node a = column("a");
    assertEquals("-a < -1", residual(new Infix(Operator.LESS, new Negate(a), known(0)), -1L));
    assertEquals("a - -2 > 0",
        residual(new Infix(Operator.GREATER, new Infix(Operator.SUBTRACT, a, known(0)), new Literal(0L)), -2L));
    assertEquals("a * (-1) > 0",
        residual(new Infix(Operator.GREATER, new Infix(Operator.MULTIPLY, a, known(0)), new Literal(0L)), -1L));
    assertEquals("-(a + 1) == -(-1.5)",
        residual(eq(new Negate(new Infix(Operator.ADD, a, new Literal(1L))), new Negate(known(0))), -1.5d));
    assertEquals("(-a).startsWith('x')",
        residual(new Call("startsWith", new Negate(a), new Node[] {new Literal("x")})));
  }

  @Test
  void arithmetic_rightOperandOfEqualPrecedence_isParenthesized() {
    Node a = column("a");
    Node b = column("b");
    assertEquals("a - (b - 1) > 0", residual(new Infix(Operator.GREATER,
        new Infix(Operator.SUBTRACT, a, new Infix(Operator.SUBTRACT, b, new Literal(1L))), new Literal(0L))));
    assertEquals("(a == 1 || b == 2) && c == 'EU'", residual(new And(new Or(eq(a, new Literal(1L)),
        eq(b, new Literal(2L))), eq(column("c"), known(0))), "EU"));
  }

  @Test
  void whenTrue_nothingErrs_returnsThePlannedTree() {
    // a decision on which nothing errs renders the planned nodes: it builds none
    Node root = new And(new Or(eq(column("a"), known(0)), new Not(eq(column("b"), known(1)))),
        new Call("startsWith", column("c"), new Node[] {known(2)}));
    assertSame(root, root.whenTrue(new Object[] {"x", 2L, "EU"}));
    assertEquals("(a == 'x' || !(b == 2)) && c.startsWith('EU')", residual(root, "x", 2L, "EU"));
  }

  @Test
  void whenTrue_knownSideDecides_returnsTheOtherSideItself() {
    Node rest = eq(column("a"), known(1));
    assertSame(rest, new And(known(0), rest).whenTrue(new Object[] {true, "x"}));
    assertSame(rest, new Or(known(0), rest).whenTrue(new Object[] {false, "x"}));
    assertEquals(Boolean.TRUE, new Or(known(0), rest).whenTrue(new Object[] {true, "x"}));
  }
}
