package io.meshgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.SubjectEntry;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.subjects.SubjectDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code report}: the page is well-formed XHTML, holds a section per product and a row per
 * subject, and every cell says what {@link GovernanceEngine#simulate} decides; it loads nothing
 * from elsewhere and shows hostile names as text.
 */
class ReportCommandTest {
  private static final Path ROOT = repositoryRoot();
  private static final Path POLICIES = ROOT.resolve("policies");
  private static final Path SUBJECTS = ROOT.resolve("samples/subjects.yaml");
  private static final String AT = "2026-12-06";
  private static final Instant AT_INSTANT = Instant.parse("2026-12-06T00:00:00Z");

  @TempDir Path dir;

  /** Surefire runs in the module's directory; the shipped bundle is at the repository root. */
  private static Path repositoryRoot() {
    for (Path path = Path.of("").toAbsolutePath(); path != null; path = path.getParent()) {
      if (Files.isDirectory(path.resolve("policies")) && Files.isRegularFile(path.resolve("samples/subjects.yaml"))) {
        return path;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  private static GovernanceCliTest.Run report(Path subjects, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("report", "--policies", POLICIES.toString(),
        "--subjects", subjects.toString(), "--out", out.toString()));
    args.addAll(List.of(more));
    return GovernanceCliTest.run(args.toArray(new String[0]));
  }

  /** Parses the page as XML, as any XML tool would, without fetching anything a DOCTYPE could name. */
  private static Document parse(Path page) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setExpandEntityReferences(false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(page)));
  }

  private static List<Element> select(Node context, String xpath) throws Exception {
    NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, context, XPathConstants.NODESET);
    List<Element> elements = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      elements.add((Element) nodes.item(i));
    }
    return elements;
  }

  private static Element one(Node context, String xpath) throws Exception {
    List<Element> found = select(context, xpath);
    assertEquals(1, found.size(), () -> "expected one " + xpath + ", found " + found.size());
    return found.get(0);
  }

  /** What a column cell should say, in words independent of the page's code. */
  private static String expectedCell(ColumnDecision column) {
    return switch (column.effect()) {
      case ALLOW -> "✓ allow";
      case MASK -> "◐ " + column.mask().method().wireName();
      case DENY -> "✗ deny";
    };
  }

  /**
   * Checks every section, row and cell of the page against the engine: each subject reads every
   * product, at {@link #AT}, for the purpose {@code purposeOf} gives.
   */
  private static void assertPageMatchesEngine(Document page, Function<SubjectEntry, String> purposeOf) throws Exception {
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(POLICIES).build()) {
      SubjectDirectory subjects = SubjectDirectory.load(SUBJECTS, engine.vocabulary());
      assertEquals(engine.catalog().size(), select(page, "//section[@class='product']").size());
      for (DataProduct product : engine.catalog().values()) {
        Element section = one(page, "//section[@id='product-" + product.id() + "']");
        assertEquals(product.id(), one(section, "h2").getTextContent());
        assertTrue(one(section, "p[@class='meta']").getTextContent().contains("classification "
            + product.classification().wireName()));
        List<String> headers = select(section, "table/thead/tr/th[@class='col']/span[@class='name']").stream()
            .map(Element::getTextContent).toList();
        assertEquals(product.columns().stream().map(Column::name).toList(), headers, product.id());
        List<Element> rows = select(section, "table/tbody/tr");
        assertEquals(subjects.entries().size(), rows.size(), product.id());
        for (SubjectEntry entry : subjects.entries()) {
          String purpose = purposeOf.apply(entry);
          Decision decision = engine.simulate(AccessRequest.builder().subject(entry.subject()).product(product.id())
              .purpose(purpose).at(AT_INSTANT).build());
          Element row = one(section, "table/tbody/tr[@data-subject='" + entry.id() + "']");
          String where = product.id() + " for " + entry.id();
          assertTrue(one(row, "th").getTextContent().contains("purpose: " + (purpose.isEmpty() ? "none" : purpose)), where);
          List<Element> cells = select(row, "td");
          assertTrue(cells.get(0).getTextContent().startsWith(decision.isPermitted() ? "✓ permit" : "✗ deny"), where);
          if (!decision.isPermitted()) {
            assertEquals(String.valueOf(product.columns().size()), cells.get(1).getAttribute("colspan"), where);
            assertTrue(cells.get(0).getTextContent().contains(decision.reasons().get(0).rule().toString()), where);
            continue;
          }
          assertEquals(product.columns().size() + 3, cells.size(), where);
          for (int c = 0; c < product.columns().size(); c++) {
            String column = product.columns().get(c).name();
            assertEquals(expectedCell(decision.column(column)), cells.get(c + 1).getTextContent(), where + ", " + column);
          }
          String filters = cells.get(product.columns().size() + 1).getTextContent();
          decision.rowFilters().forEach(filter -> assertTrue(filters.contains(filter.expression()), where + ": " + filters));
        }
      }
      // the summary: one row per product, one cell per subject
      for (DataProduct product : engine.catalog().values()) {
        Element row = one(page, "//table[@class='matrix']/tbody/tr[th/a/@href='#product-" + product.id() + "']");
        List<Element> cells = select(row, "td");
        assertEquals(subjects.entries().size(), cells.size());
        for (int s = 0; s < cells.size(); s++) {
          SubjectEntry entry = subjects.entries().get(s);
          boolean permitted = engine.simulate(AccessRequest.builder().subject(entry.subject()).product(product.id())
              .purpose(purposeOf.apply(entry)).at(AT_INSTANT).build()).isPermitted();
          assertTrue(cells.get(s).getTextContent().startsWith(permitted ? "✓ permit" : "✗ deny"),
              product.id() + " for " + entry.id());
        }
      }
    }
  }

  private static String purposeInFile(SubjectEntry entry) {
    return entry.purpose() == null ? "" : entry.purpose();
  }

  @Test
  void shippedBundle_everyCellIsTheEnginesDecision() throws Exception {
    Path out = dir.resolve("report.html");
    GovernanceCliTest.Run run = report(SUBJECTS, out, "--at", AT);
    assertEquals(0, run.exit(), run::err);
    assertEquals("", run.err());
    assertEquals("report: 10 products × 8 subjects → " + out, run.out().strip());
    Document page = parse(out);
    assertPageMatchesEngine(page, ReportCommandTest::purposeInFile);

    // the example of docs/cli.md, spelt out: alice may see invoices with masked e-mails, never the risk score
    Element alice = one(page, "//section[@id='product-finance.invoice_payments']//tr[@data-subject='alice']");
    List<Element> cells = select(alice, "td");
    assertEquals("◐ email", cells.get(3).getTextContent());
    assertEquals("cell mask", cells.get(3).getAttribute("class"));
    assertEquals("✗ deny", cells.get(8).getTextContent());
    assertEquals("cell deny", cells.get(8).getAttribute("class"));
  }

  @Test
  void page_namesTheBundleTheInstantAndTheSubjectsFile_andHasALegend() throws Exception {
    Path out = dir.resolve("report.html");
    assertEquals(0, report(SUBJECTS, out, "--at", "2026-12-06T10:30:00+01:00").exit());
    Document page = parse(out);
    String header = one(page, "//header").getTextContent();
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(POLICIES).build()) {
      assertTrue(header.contains(engine.bundle().name()), header);
      assertTrue(header.contains("revision " + engine.bundle().revision()), header);
      assertTrue(header.contains(engine.bundle().digest()), header);
      assertTrue(header.contains("sha256:" + SubjectDirectory.load(SUBJECTS, engine.vocabulary()).digest()), header);
    }
    assertTrue(header.contains("2026-12-06T09:30:00Z"), header);
    assertEquals("Access map of meshgov-reference-mesh", one(page, "/html/head/title").getTextContent());
    Element legend = one(page, "//div[@id='legend']");
    assertEquals("✓ allow", one(legend, "span[@class='swatch allow']").getTextContent());
    assertTrue(one(legend, ".//span[@class='swatch mask']").getTextContent().startsWith("◐ "));
    assertEquals("✗ deny", one(legend, ".//span[@class='swatch deny']").getTextContent());
  }

  @Test
  void page_loadsNothingFromElsewhere() throws Exception {
    Path out = dir.resolve("report.html");
    assertEquals(0, report(SUBJECTS, out, "--at", AT).exit());
    String html = Files.readString(out, StandardCharsets.UTF_8);
    assertFalse(Pattern.compile("(?i)<script").matcher(html).find(), "a script element");
    assertFalse(Pattern.compile("(?i)<(link|img|iframe|object|embed)\\b").matcher(html).find(), "an element that loads");
    assertFalse(Pattern.compile("(?i)@import|url\\(").matcher(html).find(), "a style sheet that loads");
    Matcher reference = Pattern.compile("(?i)\\b(src|href)\\s*=\\s*[\"']([^\"']*)").matcher(html);
    int links = 0;
    while (reference.find()) {
      links++;
      assertTrue(reference.group(2).startsWith("#"), "a reference out of the page: " + reference.group());
      assertFalse(reference.group(1).equalsIgnoreCase("src"), reference.group());
    }
    assertEquals(10, links, "the summary links each product's section");
  }

  @Test
  void hostileNames_showAsText() throws Exception {
    String hostileId = "<script>alert(1)</script>";
    String hostileRegion = "\"'><img src=x onerror=alert(2)>&amp;";
    Path subjects = dir.resolve("subjects.yaml");
    Files.writeString(subjects, """
        apiVersion: meshgov/v1
        kind: SubjectDirectory
        subjects:
          - id: '<script>alert(1)</script>'
            groups: [employees, finance]
            attributes: {region: '"''><img src=x onerror=alert(2)>&amp;'}
            purpose: reporting
        """, StandardCharsets.UTF_8);
    Path out = dir.resolve("report.html");
    GovernanceCliTest.Run run = report(subjects, out, "--at", AT);
    assertEquals(0, run.exit(), run::err);
    String html = Files.readString(out, StandardCharsets.UTF_8);
    assertFalse(html.contains("<script"), "the id became markup");
    assertFalse(html.contains("<img"), "the attribute value became markup");
    Document page = parse(out);
    List<Element> rows = select(page, "//section[@class='product']/table/tbody/tr");
    assertEquals(10, rows.size());
    for (Element row : rows) {
      assertEquals(hostileId, row.getAttribute("data-subject"));
      assertEquals(hostileId, one(row, "th/strong").getTextContent());
      assertTrue(one(row, "th").getTextContent().contains("region=" + hostileRegion), row.getTextContent());
    }
    assertEquals(hostileId, one(page, "//table[@class='matrix']/thead/tr/th[2]").getTextContent());
  }

  @Test
  void purpose_replacesEverySubjectsOwn() throws Exception {
    Path out = dir.resolve("report.html");
    GovernanceCliTest.Run run = report(SUBJECTS, out, "--at", AT, "--purpose", "analytics");
    assertEquals(0, run.exit(), run::err);
    assertPageMatchesEngine(parse(out), entry -> "analytics");
  }

  @Test
  void anExistingPage_isReplacedWhole_andNoTemporaryFileIsLeft() throws Exception {
    Path out = dir.resolve("report.html");
    Files.writeString(out, "an old page that is much longer than nothing".repeat(10_000));
    assertEquals(0, report(SUBJECTS, out, "--at", AT).exit());
    assertTrue(Files.readString(out, StandardCharsets.UTF_8).startsWith("<!DOCTYPE html>"));
    parse(out);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(out), files.toList());
    }
  }

  @Test
  void aBadSubjectsFile_printsItsProblems_exit2_andWritesNothing() throws IOException {
    Path out = dir.resolve("report.html");
    GovernanceCliTest.Run run = report(ROOT.resolve("docs/examples/subjects-typos.yaml"), out);
    assertEquals(2, run.exit());
    List<String> lines = run.err().lines().toList();
    assertFalse(lines.isEmpty());
    assertTrue(lines.stream().allMatch(line -> line.matches(".*subjects-typos\\.yaml:\\d+:\\d+: .*")), run.err());
    assertTrue(run.err().contains("[unknown-purpose]"), run.err());
    assertEquals("", run.out());
    assertFalse(Files.exists(out));
  }

  @Test
  void aBadBundle_printsItsProblems_exit2() {
    Path out = dir.resolve("report.html");
    GovernanceCliTest.Run run = GovernanceCliTest.run("report", "--policies", ROOT.resolve("docs/examples/typos").toString(),
        "--subjects", SUBJECTS.toString(), "--out", out.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().lines().findFirst().orElse("").matches("[^\\s:][^:]*:\\d+:\\d+: .+"), run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void aBadOption_isAUsageError_exit2() {
    Path out = dir.resolve("report.html");
    GovernanceCliTest.Run badAt = report(SUBJECTS, out, "--at", "yesterday");
    assertEquals(2, badAt.exit());
    assertTrue(badAt.err().contains("'yesterday' is not a date or timestamp"), badAt.err());
    GovernanceCliTest.Run badPurpose = report(SUBJECTS, out, "--purpose", "curiosity");
    assertEquals(2, badPurpose.exit());
    assertTrue(badPurpose.err().startsWith("error: --purpose: 'curiosity' is not declared in the bundle's "
        + "vocabulary.purposes; use one of: analytics, "), badPurpose.err());
    GovernanceCliTest.Run noOut = GovernanceCliTest.run("report", "--policies", POLICIES.toString(),
        "--subjects", SUBJECTS.toString());
    assertEquals(2, noOut.exit());
    assertTrue(noOut.err().contains("Missing required option: '--out=FILE'"), noOut.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void anUnwritablePage_isAnError_exit2() {
    Path out = dir.resolve("no-such-directory/report.html");
    GovernanceCliTest.Run run = report(SUBJECTS, out, "--at", AT);
    assertEquals(2, run.exit());
    assertTrue(run.err().startsWith("error: cannot write " + out), run.err());
    assertEquals("", run.out());
  }
}
