package io.meshgov.cli;

import io.meshgov.api.Column;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnEffect;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Reason;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RowFilter;
import io.meshgov.api.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link AccessMap} as one self-contained page: the style sheet is inline and nothing is loaded
 * from anywhere, so the file can be mailed, archived with an audit or opened offline. The markup
 * is well-formed XHTML, so tools (and the tests) can read it with an XML parser.
 *
 * <p>Every outcome has a colour, a symbol and a word ({@code ✓ allow}, {@code ◐ email}, {@code ✗
 * deny}): the colours are told apart by colour-blind readers (blue, striped orange, dark
 * vermillion, from the Okabe–Ito palette, also apart in lightness), and the symbol and word keep
 * the page readable in black and white.
 */
final class AccessMapHtml {
  static final String ALLOW = "✓";
  static final String MASK = "◐";
  static final String DENY = "✗";

  private static final String STYLE = """
      body{font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1a1a1a;margin:0 1.2em 2em}
      header{max-width:80em}
      h1{font-size:1.5em;margin:.7em 0 .3em}
      h2{font-size:1.15em;margin:1.6em 0 .2em}
      code,.mono{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.92em}
      dl.facts{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;margin:.4em 0}
      dl.facts dt{color:#555}
      dl.facts dd{margin:0}
      .legend{display:flex;flex-wrap:wrap;gap:.5em 1.2em;align-items:center;margin:.8em 0;padding:.5em .8em;border:1px solid #bbb;border-radius:4px;background:#fafafa}
      .legend .swatch{display:inline-block;padding:.1em .5em;border-radius:3px;border:1px solid #888}
      .meta{margin:.1em 0 .5em;color:#444}
      table{border-collapse:separate;border-spacing:0;margin:.3em 0 .6em}
      th,td{border-right:1px solid #d0d0d0;border-bottom:1px solid #d0d0d0;padding:.2em .4em;vertical-align:top;text-align:left}
      tr>*:first-child{border-left:1px solid #d0d0d0}
      thead th{position:sticky;top:0;z-index:2;background:#eceff3;border-top:1px solid #d0d0d0;font-weight:600;vertical-align:bottom}
      th.who{position:sticky;left:0;z-index:1;background:#fff;min-width:14em;max-width:18em;font-weight:normal}
      thead th.who{z-index:3;background:#eceff3;font-weight:600}
      th.col{min-width:4.2em;max-width:9em;overflow-wrap:break-word}
      .type{display:block;font-weight:normal;color:#666;font-size:.85em}
      .small{display:block;color:#555;font-size:.85em}
      td.cell{white-space:nowrap;text-align:center}
      .allow{background:#d3e8f7;color:#07324f}
      .mask{background:repeating-linear-gradient(135deg,#f6c45c 0 3px,#fbe1a6 3px 7px);color:#3d2a00}
      .deny{background:#9e3b06;color:#fff}
      td.request{white-space:nowrap}
      td.request .small{white-space:normal;max-width:18em}
      td.deny .small{color:#fde8dc}
      td.filters,td.retention{max-width:24em;font-size:.92em}
      td.filters code{display:block;overflow-wrap:anywhere}
      .none{color:#888}
      table.matrix td.cell{min-width:5em}
      @media print{*{-webkit-print-color-adjust:exact;print-color-adjust:exact}thead th,th.who{position:static}}
      """;

  private AccessMapHtml() {}

  static String render(AccessMap map) {
    Xhtml page = new Xhtml();
    page.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en");
    page.open("head").empty("meta", "charset", "utf-8")
        .element("title", "Access map of " + map.bundle().name())
        .open("style").raw("\n" + STYLE).close()
        .close();
    page.open("body");
    header(page, map);
    page.open("main");
    summary(page, map);
    for (AccessMap.ProductAccess product : map.products()) {
      product(page, map.readers(), product);
    }
    page.close().close().close();
    return page.document();
  }

  /** The element id of a product's section, for the summary's links. */
  static String sectionId(DataProduct product) {
    return "product-" + product.id();
  }

  private static void header(Xhtml page, AccessMap map) {
    page.open("header");
    page.element("h1", "Access map of " + map.bundle().name());
    page.open("dl", "class", "facts");
    fact(page, "bundle", map.bundle().name()
        + (map.bundle().revision() != null ? ", revision " + map.bundle().revision() : ""));
    page.element("dt", "bundle digest").open("dd").element("code", map.bundle().digest()).close();
    fact(page, "decided at", map.at().toString());
    fact(page, "subjects file", map.subjectsFile());
    page.element("dt", "subjects digest").open("dd").element("code", "sha256:" + map.subjectsDigest()).close();
    fact(page, "request", "read of every column, for each subject's purpose (shown in its row); "
        + "simulated: no audit record, no data read");
    page.close();
    legend(page);
    page.close();
  }

  private static void fact(Xhtml page, String name, String value) {
    page.element("dt", name).element("dd", value);
  }

  private static void legend(Xhtml page) {
    page.open("div", "class", "legend", "id", "legend");
    page.element("strong", "Legend");
    page.element("span", ALLOW + " allow", "class", "swatch allow");
    page.open("span").element("span", MASK + " email", "class", "swatch mask")
        .text(" mask, with the method applied").close();
    page.open("span").element("span", DENY + " deny", "class", "swatch deny")
        .text(" column or request denied").close();
    page.element("span", "Hover a cell for the rule that decided it.", "class", "small");
    page.close();
  }

  private static void summary(Xhtml page, AccessMap map) {
    page.open("section", "id", "summary");
    page.element("h2", "Summary: " + map.products().size() + " products × " + map.readers().size() + " subjects");
    page.open("table", "class", "matrix");
    page.open("thead").open("tr").element("th", "product", "class", "who");
    for (AccessMap.Reader reader : map.readers()) {
      page.element("th", reader.subject().id(), "class", "col");
    }
    page.close().close();
    page.open("tbody");
    for (AccessMap.ProductAccess product : map.products()) {
      page.open("tr").open("th", "class", "who")
          .element("a", product.product().id(), "href", "#" + sectionId(product.product()))
          .element("span", product.product().classification().wireName(), "class", "small")
          .close();
      for (Decision decision : product.decisions()) {
        summaryCell(page, decision);
      }
      page.close();
    }
    page.close().close().close();
  }

  private static void summaryCell(Xhtml page, Decision decision) {
    if (!decision.isPermitted()) {
      page.element("td", DENY + " deny", "class", "cell deny", "title", reasonRules(decision));
      return;
    }
    long masked = decision.columns().stream().filter(column -> column.effect() == ColumnEffect.MASK).count();
    long denied = decision.columns().stream().filter(column -> column.effect() == ColumnEffect.DENY).count();
    List<String> limits = new ArrayList<>();
    if (masked > 0) {
      limits.add(masked + " masked");
    }
    if (denied > 0) {
      limits.add(denied + " denied");
    }
    if (!decision.rowFilters().isEmpty()) {
      limits.add("rows filtered");
    }
    page.open("td", "class", "cell allow").text(ALLOW + " permit");
    if (!limits.isEmpty()) {
      page.element("span", String.join(", ", limits), "class", "small");
    }
    page.close();
  }

  private static void product(Xhtml page, List<AccessMap.Reader> readers, AccessMap.ProductAccess access) {
    DataProduct product = access.product();
    page.open("section", "id", sectionId(product), "class", "product");
    page.element("h2", product.id());
    List<String> meta = new ArrayList<>();
    meta.add("domain " + product.domain());
    meta.add("classification " + product.classification().wireName());
    meta.add("version " + product.version());
    meta.add("owner " + product.owner());
    if (!product.tags().isEmpty()) {
      meta.add("tags " + String.join(", ", product.tags()));
    }
    product.bindings().forEach((dialect, table) -> meta.add(dialect + " table " + table));
    if (product.bindings().isEmpty()) {
      meta.add("no table binding");
    }
    page.element("p", String.join(" · ", meta), "class", "meta");

    page.open("table", "class", "access");
    page.open("thead").open("tr").element("th", "subject", "class", "who").element("th", "request");
    for (Column column : product.columns()) {
      page.open("th", "class", "col", "title", column.tags().isEmpty() ? "no tags" : String.join(", ", column.tags()))
          .open("span", "class", "name");
      breakableName(page, column.name());
      page.close().element("span", column.type().wireName(), "class", "type").close();
    }
    page.element("th", "row filters").element("th", "retention");
    page.close().close();
    page.open("tbody");
    for (int i = 0; i < readers.size(); i++) {
      row(page, readers.get(i), product, access.decisions().get(i));
    }
    page.close().close();
    page.close();
  }

  private static void row(Xhtml page, AccessMap.Reader reader, DataProduct product, Decision decision) {
    Subject subject = reader.subject();
    page.open("tr", "data-subject", subject.id());
    page.open("th", "class", "who").element("strong", subject.id())
        .element("span", "purpose: " + (reader.purpose().isEmpty() ? "none" : reader.purpose()), "class", "small")
        .element("span", subjectSummary(subject), "class", "small")
        .close();
    if (!decision.isPermitted()) {
      page.open("td", "class", "request deny", "title", reasonMessages(decision)).text(DENY + " deny")
          .element("span", reasonRules(decision), "class", "small").close();
      page.element("td", DENY + " deny: the request is denied, no column is read",
          "class", "cell deny", "colspan", String.valueOf(product.columns().size()));
      page.element("td", "—", "class", "filters none").element("td", "—", "class", "retention none");
      page.close();
      return;
    }
    page.open("td", "class", "request allow", "title", reasonMessages(decision)).text(ALLOW + " permit")
        .element("span", reasonRules(decision), "class", "small").close();
    for (Column column : product.columns()) {
      columnCell(page, decision.column(column.name()));
    }
    filters(page, decision.rowFilters());
    retention(page, decision.retention());
    page.close();
  }

  /**
   * A column name that may wrap after each {@code _}, so narrow headers break between words
   * ({@code credit_ / risk_score}) rather than inside one; {@code <wbr/>} adds no character to the
   * name a reader copies.
   */
  private static void breakableName(Xhtml page, String name) {
    int start = 0;
    for (int underscore = name.indexOf('_'); underscore >= 0; underscore = name.indexOf('_', underscore + 1)) {
      page.text(name.substring(start, underscore + 1)).empty("wbr");
      start = underscore + 1;
    }
    page.text(name.substring(start));
  }

  /** Groups, roles and attributes in one line: what the rules of the bundle tell subjects apart by. */
  private static String subjectSummary(Subject subject) {
    List<String> parts = new ArrayList<>();
    parts.add("groups: " + (subject.groups().isEmpty() ? "none" : String.join(", ", subject.groups())));
    parts.add("roles: " + (subject.roles().isEmpty() ? "none" : String.join(", ", subject.roles())));
    if (!subject.attributes().isEmpty()) {
      List<String> attributes = new ArrayList<>();
      // attribute order carries no meaning; sorted, the same subject always reads the same
      new TreeMap<>(subject.attributes()).forEach((key, value) -> attributes.add(key + "=" + value));
      parts.add(String.join(", ", attributes));
    }
    return String.join("; ", parts);
  }

  private static String reasonRules(Decision decision) {
    List<String> rules = new ArrayList<>();
    for (Reason reason : decision.reasons()) {
      rules.add(reason.rule().toString());
    }
    return rules.isEmpty() ? "no rule" : String.join(", ", rules);
  }

  private static String reasonMessages(Decision decision) {
    List<String> messages = new ArrayList<>();
    for (Reason reason : decision.reasons()) {
      messages.add(reason.rule() + ": " + reason.message());
    }
    return String.join("\n", messages);
  }

  private static void columnCell(Xhtml page, ColumnDecision column) {
    if (column == null) {
      // a permitted read of every column decides every column; a gap would be an engine bug worth seeing
      page.element("td", "?", "class", "cell", "title", "no decision for this column");
      return;
    }
    String rule = column.rule() == null ? "no rule restricts it" : column.rule().toString();
    switch (column.effect()) {
      case ALLOW -> page.element("td", ALLOW + " allow", "class", "cell allow", "title", rule);
      case MASK -> page.element("td", MASK + " " + column.mask().method().wireName(), "class", "cell mask",
          "title", rule + maskParameters(column.mask().publicParameters()));
      case DENY -> page.element("td", DENY + " deny", "class", "cell deny", "title", rule);
    }
  }

  private static String maskParameters(Map<String, Object> parameters) {
    return parameters.isEmpty() ? "" : " " + parameters;
  }

  private static void filters(Xhtml page, List<RowFilter> filters) {
    if (filters.isEmpty()) {
      page.element("td", "all rows", "class", "filters none");
      return;
    }
    page.open("td", "class", "filters");
    for (RowFilter filter : filters) {
      page.element("code", filter.expression(), "title", filter.rule().toString());
    }
    page.close();
  }

  private static void retention(Xhtml page, RetentionObligation retention) {
    if (retention == null) {
      page.element("td", "none", "class", "retention none");
      return;
    }
    List<String> parts = new ArrayList<>();
    if (retention.basis() != null) {
      parts.add("basis " + retention.basis());
    }
    if (retention.minimum() != null) {
      parts.add("minimum " + retention.minimum());
    }
    if (retention.maximum() != null) {
      parts.add("maximum " + retention.maximum());
    }
    if (retention.action() != null) {
      parts.add("then " + retention.action().wireName());
    }
    if (retention.cutoff() != null) {
      parts.add("cutoff " + retention.cutoff());
    }
    if (retention.legalHold()) {
      parts.add("legal hold");
    }
    if (retention.conflict()) {
      parts.add("conflict: the minimum is kept");
    }
    page.element("td", String.join(" · ", parts), "class", "retention");
  }
}
