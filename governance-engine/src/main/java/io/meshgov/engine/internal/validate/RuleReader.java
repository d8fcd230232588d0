package io.meshgov.engine.internal.validate;

import static io.meshgov.engine.internal.validate.ProductValidator.checkTags;
import static io.meshgov.engine.internal.validate.Scalars.names;
import static io.meshgov.engine.internal.validate.Scalars.orEmpty;
import static io.meshgov.engine.internal.validate.Scalars.textSet;
import static io.meshgov.engine.internal.validate.Scalars.texts;
import static io.meshgov.engine.internal.validate.Scalars.unknownValue;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationResult;
import io.meshgov.api.Action;
import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Effect;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.RetentionAction;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import io.meshgov.engine.internal.load.RawDocuments.RawMask;
import io.meshgov.engine.internal.load.RawDocuments.RawMatch;
import io.meshgov.engine.internal.load.RawDocuments.RawRetention;
import io.meshgov.engine.internal.load.RawDocuments.RawRule;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.load.SourceNode.ScalarKind;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.problem.Suggestions;
import io.meshgov.engine.mask.Masks;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks the rules of one policy set version: written in a bundle file, or contributed by
 * an OPA answer for one product (SPEC §8), which are checked the same way.
 */
final class RuleReader {
  private final String file;
  private final @Nullable String fileText;
  private final Map<String, DataProduct> catalog;
  private final @Nullable Scope scope;
  private final ProblemSink problems;
  private final FiltersChecked checked;

  /**
   * {@code catalog}: the products rules are checked against (the bundle's catalog, or the one
   * product an OPA answer is for); {@code scope}: the set's scope, null when it is invalid; {@code
   * checked}: the engine's memory of filters that type-checked.
   */
  RuleReader(String file, @Nullable String fileText, Map<String, DataProduct> catalog, @Nullable Scope scope,
      ProblemSink problems, FiltersChecked checked) {
    this.file = file;
    this.fileText = fileText;
    this.catalog = catalog;
    this.scope = scope;
    this.problems = problems;
    this.checked = checked;
  }

  @Nullable Rule rule(RawRule raw) {
    if (raw.id() == null || raw.kind() == null) {
      return null;
    }
    int errorsBefore = problems.errorCount();
    RuleKind kind = RuleKind.fromWireName(raw.kind().text()).orElse(null);
    if (kind == null) {
      unknownValue(file, raw.kind(), "rule kind", names(RuleKind.values()), problems);
      return null;
    }
    Match match = match(raw.match());
    List<DataProduct> products = matchedProducts(match);
    boolean columnLevel = match != null && match.columnLevel();
    // column denies and masks are evaluated per column, so only their conditions may read `column`;
    // row filters and retention apply to the request as a whole, even when matched by column
    boolean perColumn = (kind == RuleKind.ACCESS && columnLevel) || kind == RuleKind.MASK;
    Condition when = condition(raw.when(), perColumn);
    Condition unless = condition(raw.unless(), perColumn);
    Effect effect = null;
    Mask mask = null;
    Filter filter = null;
    Retention retention = null;
    switch (kind) {
      case ACCESS:
        effect = effect(raw, columnLevel);
        break;
      case MASK:
        mask = mask(raw, match, products);
        break;
      case ROW_FILTER:
        filter = filter(raw, products);
        break;
      default:
        retention = retention(raw, products);
    }
    if (problems.errorCount() > errorsBefore || match == null) {
      return null;
    }
    return new Rule(raw.id().text(), kind, raw.description() == null ? null : raw.description().text(), match,
        when, unless, effect, mask, filter, retention, file, raw.position());
  }

  @Nullable Match match(RawMatch raw) {
    int errorsBefore = problems.errorCount();
    warnEmpty(raw.productIds(), raw.position(), "match.products.ids");
    warnEmpty(raw.productDomains(), raw.position(), "match.products.domains");
    warnEmpty(raw.productClassifications(), raw.position(), "match.products.classifications");
    warnEmpty(raw.productTags(), raw.position(), "match.products.tags");
    warnEmpty(raw.columnNames(), raw.position(), "match.columns.names");
    warnEmpty(raw.columnTags(), raw.position(), "match.columns.tags");
    warnEmpty(raw.actions(), raw.position(), "match.actions");
    EnumSet<Classification> classifications = null;
    if (raw.productClassifications() != null) {
      classifications = EnumSet.noneOf(Classification.class);
      for (Scalar value : raw.productClassifications()) {
        Classification classification = Classification.fromWireName(value.text()).orElse(null);
        if (classification == null) {
          unknownValue(file, value, "classification", names(Classification.values()), problems);
        } else {
          classifications.add(classification);
        }
      }
    }
    // absent actions mean all actions; an empty list means none
    EnumSet<Action> actions = raw.actions() == null ? EnumSet.allOf(Action.class) : EnumSet.noneOf(Action.class);
    for (Scalar value : orEmpty(raw.actions())) {
      Action action = Action.fromWireName(value.text()).orElse(null);
      if (action == null) {
        unknownValue(file, value, "action", names(Action.values()), problems);
      } else {
        actions.add(action);
      }
    }
    checkTags(file, orEmpty(raw.productTags()), problems);
    checkTags(file, orEmpty(raw.columnTags()), problems);
    if (scope != null && !scope.isGlobal()) {
      String domain = scope.domain();
      for (Scalar id : orEmpty(raw.productIds())) {
        DataProduct product = catalog.get(id.text());
        String owner = product != null ? product.domain() : id.text().contains(".") ? id.text().substring(0, id.text().indexOf('.')) : id.text();
        if (!owner.equals(domain)) {
          problems.error("cross-domain", file, id.position(),
              "product '" + id.text() + "' belongs to domain '" + owner + "'; a domain:" + domain
                  + " policy set may only name products of domain '" + domain + "'",
              "move the rule to a policy set of domain '" + owner + "', or ask the governance council for a global rule");
        }
      }
      for (Scalar other : orEmpty(raw.productDomains())) {
        if (!other.text().equals(domain)) {
          problems.error("cross-domain", file, other.position(),
              "a domain:" + domain + " policy set may not target domain '" + other.text() + "'",
              "remove '" + other.text() + "', or ask the governance council for a global rule");
        }
      }
    }
    for (Scalar id : orEmpty(raw.productIds())) {
      if (!catalog.containsKey(id.text()) && problems.errorCount() == errorsBefore) {
        String suggestion = Suggestions.closest(id.text(), catalog.keySet());
        problems.warning("unknown-product", file, id.position(),
            "no product '" + id.text() + "' in the catalog; the rule can only match inline products",
            suggestion != null ? "did you mean '" + suggestion + "'?" : null);
      }
    }
    if (problems.errorCount() > errorsBefore) {
      return null;
    }
    return new Match(textSet(raw.productIds()), textSet(raw.productDomains()), classifications,
        raw.productTags() == null ? null : texts(raw.productTags()), raw.columnLevel(), textSet(raw.columnNames()),
        raw.columnTags() == null ? null : texts(raw.columnTags()), actions);
  }

  private void warnEmpty(@Nullable List<Scalar> list, Position at, String what) {
    if (list != null && list.isEmpty()) {
      problems.warning("empty-match", file, at, what + " is an empty list, which matches nothing: the rule never applies",
          "list at least one value, or remove the key to match anything");
    }
  }

  /** The catalog products this rule can apply to: its static match within its scope. */
  private List<DataProduct> matchedProducts(@Nullable Match match) {
    List<DataProduct> products = new ArrayList<>();
    if (match == null || scope == null) {
      return products;
    }
    for (DataProduct product : catalog.values()) {
      if ((scope.isGlobal() || product.domain().equals(scope.domain())) && match.matchesProduct(product)) {
        products.add(product);
      }
    }
    return products;
  }

  private @Nullable Condition condition(@Nullable Scalar source, boolean columnLevel) {
    if (source == null) {
      return null;
    }
    Cel cel = columnLevel ? ConditionEnvironment.columnLevel() : ConditionEnvironment.productLevel();
    CelValidationResult result = cel.compile(source.text());
    if (result.hasError()) {
      reportCel(source, result.getErrors(), null);
      return null;
    }
    try {
      return new Condition(source.text(), result.getAst(), columnLevel);
    } catch (dev.cel.common.CelValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  private void reportCel(Scalar source, List<CelIssue> issues, @Nullable String context) {
    for (CelIssue issue : issues) {
      String message = issue.getMessage();
      String unknownField = unknownField(source.text(), issue);
      if (unknownField != null) {
        String[] parts = unknownField.split("\\.", 2);
        List<String> fields = FIELDS.get(parts[0]);
        String suggestion = Suggestions.closest(parts[1], fields);
        problems.error("cel-unknown-field", file, CelSupport.position(source, issue, fileText),
            "unknown field '" + parts[1] + "' of " + parts[0] + (context == null ? "" : " (" + context + ")"),
            suggestion != null ? "did you mean '" + parts[0] + "." + suggestion + "'?"
                : parts[0] + " has " + String.join(", ", fields));
        continue;
      }
      boolean syntax = message.contains("mismatched input") || message.contains("extraneous input")
          || message.contains("token recognition") || message.contains("no viable alternative")
          || message.contains("missing");
      String help;
      if (message.contains("undeclared reference")) {
        help = context == null
            ? "conditions may use subject.{id,groups,roles,attributes}, request.{action,purpose,at}, "
                + "product.{id,domain,classification,tags}" + " and, in column-level rules, column.{name,type,tags}"
            : "filters may use the product's columns by name, subject.*, request.* and product.*";
      } else if (syntax) {
        help = "fix the CEL syntax";
      } else {
        help = "fix the expression's types";
      }
      problems.error(syntax ? "cel-syntax" : "cel-type", file, CelSupport.position(source, issue, fileText),
          (syntax ? "CEL syntax error: " : "CEL type error: ") + message + (context == null ? "" : " (" + context + ")"),
          help);
    }
  }

  private static final Map<String, List<String>> FIELDS = Map.of(
      "subject", List.of("id", "groups", "roles", "attributes"),
      "request", List.of("action", "purpose", "at"),
      "product", List.of("id", "domain", "classification", "tags"),
      "column", List.of("name", "type", "tags"));
  private static final Pattern ROOT_SELECT =
      Pattern.compile("(subject|request|product|column)\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)");

  /** {@code root.field} when a CEL issue is an undeclared root whose field is unknown, else null. */
  private static @Nullable String unknownField(String expression, CelIssue issue) {
    java.util.regex.Matcher undeclared =
        Pattern.compile("undeclared reference to '(subject|request|product|column)'").matcher(issue.getMessage());
    if (!undeclared.find() || issue.getSourceLocation() == null) {
      return null;
    }
    String[] lines = expression.split("\n", -1);
    int line = issue.getSourceLocation().getLine();
    int column = issue.getSourceLocation().getColumn();
    if (line < 1 || line > lines.length || column < 0 || column > lines[line - 1].length()) {
      return null;
    }
    java.util.regex.Matcher select = ROOT_SELECT.matcher(lines[line - 1]).region(column, lines[line - 1].length());
    if (!select.lookingAt() || !select.group(1).equals(undeclared.group(1))) {
      return null;
    }
    if (FIELDS.get(select.group(1)).contains(select.group(2))) {
      // a known field undeclared here: column.* outside a column-level rule
      return null;
    }
    return select.group(1) + "." + select.group(2);
  }

  private @Nullable Effect effect(RawRule raw, boolean columnLevel) {
    Scalar effect = raw.effect();
    if (effect == null) {
      problems.error("missing-key", file, raw.position(), "an access rule needs 'effect: permit' or 'effect: deny'",
          "add effect: permit or effect: deny");
      return null;
    }
    Effect value = effect.text().equals("permit") ? Effect.PERMIT : effect.text().equals("deny") ? Effect.DENY : null;
    if (value == null) {
      unknownValue(file, effect, "effect", List.of("permit", "deny"), problems);
      return null;
    }
    if (value == Effect.PERMIT && columnLevel) {
      problems.error("column-permit", file, effect.position(),
          "a column-level access rule may only deny; access is permitted per product",
          "remove match.columns to permit the product, or make this rule effect: deny");
      return null;
    }
    return value;
  }

  private @Nullable Mask mask(RawRule raw, @Nullable Match match, List<DataProduct> products) {
    RawMask rawMask = raw.mask();
    if (rawMask == null) {
      problems.error("missing-key", file, raw.position(), "a mask rule needs 'mask: {method: …}'",
          "add e.g. mask: {method: redact}");
      return null;
    }
    if (rawMask.method() == null) {
      return null;
    }
    MaskMethod method = MaskMethod.fromWireName(rawMask.method().text()).orElse(null);
    if (method == null) {
      unknownValue(file, rawMask.method(), "mask method", names(MaskMethod.values()), problems);
      return null;
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (Map.Entry<String, Scalar> parameter : rawMask.parameters().entrySet()) {
      Scalar value = parameter.getValue();
      parameters.put(parameter.getKey(), value.kind() == ScalarKind.INTEGER ? integerOrText(value) : value.text());
    }
    boolean parametersOk = true;
    for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
      Position at = method.parameterNames().contains(parameter.getKey())
          ? rawMask.parameters().get(parameter.getKey()).position()
          : rawMask.parameterKeys().get(parameter.getKey());
      for (String message : Masks.checkParameters(method, Map.of(parameter.getKey(), parameter.getValue()))) {
        parametersOk = false;
        problems.error("mask-parameter", file, at, message,
            method.parameterNames().isEmpty() ? "mask method '" + method.wireName() + "' takes no parameters"
                : "mask method '" + method.wireName() + "' takes " + String.join(", ", new java.util.TreeSet<>(method.parameterNames())));
      }
    }
    if (!parametersOk) {
      return null;
    }
    // decisions show every parameter in force, defaults included (SPEC §5: showFirst 0, showLast 4, maskChar *)
    if (method == MaskMethod.PARTIAL) {
      parameters.putIfAbsent("showFirst", 0);
      parameters.putIfAbsent("showLast", 4);
      parameters.putIfAbsent("maskChar", "*");
      Map<String, Object> ordered = new LinkedHashMap<>();
      ordered.put("showFirst", parameters.get("showFirst"));
      ordered.put("showLast", parameters.get("showLast"));
      ordered.put("maskChar", parameters.get("maskChar"));
      parameters = ordered;
    } else if (method == MaskMethod.REDACT) {
      parameters.putIfAbsent("replacement", "****");
    }
    Mask mask = new Mask(method, parameters);
    if (match != null) {
      for (DataProduct product : products) {
        for (Column column : product.columns()) {
          if (match.matchesColumn(column) && !method.appliesTo(column.type())) {
            problems.warning("mask-escalated", file, rawMask.method().position(),
                "mask '" + method.wireName() + "' does not apply to " + column.type().wireName() + " column '"
                    + column.name() + "' of " + product.id() + "; it gets '"
                    + method.escalatedFor(column.type()).wireName() + "'",
                "narrow match.columns, or choose a method that applies to " + column.type().wireName());
          }
        }
      }
    }
    return mask;
  }

  private Object integerOrText(Scalar value) {
    try {
      return Integer.valueOf(value.text().replace("_", ""));
    } catch (NumberFormatException e) {
      return value.text();
    }
  }

  private @Nullable Filter filter(RawRule raw, List<DataProduct> products) {
    Scalar source = raw.filter();
    if (source == null) {
      problems.error("missing-key", file, raw.position(), "a row-filter rule needs 'filter: <CEL expression>'",
          "add e.g. filter: \"region == subject.attributes.region\"");
      return null;
    }
    CelValidationResult parsed = ConditionEnvironment.productLevel().parse(source.text());
    if (parsed.hasError()) {
      reportCel(source, parsed.getErrors(), null);
      return null;
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = parsed.getAst();
    } catch (dev.cel.common.CelValidationException e) {
      throw new IllegalStateException(e);
    }
    Optional<FilterSubset.Violation> violation = FilterSubset.firstViolation(ast.getExpr());
    if (violation.isPresent()) {
      problems.error("filter-subset", file, CelSupport.position(source, ast, violation.get().expr(), fileText),
          violation.get().message(),
          "row filters may use comparisons, && || !, in a list, startsWith, endsWith, contains, size, "
              + "arithmetic and timestamp(...)");
      return null;
    }
    Set<String> columns = CelSupport.freeNames(ast.getExpr());
    boolean ok = true;
    Set<String> reported = new HashSet<>();
    for (DataProduct product : products) {
      List<String> missing = new ArrayList<>();
      for (String column : columns) {
        if (product.column(column).isEmpty()) {
          missing.add(column);
        }
      }
      if (!missing.isEmpty()) {
        problems.error("filter-missing-column", file, source.contentPosition(),
            "filter names column" + (missing.size() > 1 ? "s " : " ") + "'" + String.join("', '", missing)
                + "', which product " + product.id() + " lacks",
            "narrow match.products so the rule only matches products with " + (missing.size() > 1 ? "these columns" : "this column")
                + ", or fix the column name");
        ok = false;
        continue;
      }
      if (checked.passed(source.text(), product.columns())) {
        continue;
      }
      CelValidationResult result = ConditionEnvironment.filter(product.columns()).compile(source.text());
      if (!result.hasError()) {
        checked.remember(source.text(), product.columns());
      } else {
        List<CelIssue> fresh = new ArrayList<>();
        for (CelIssue issue : result.getErrors()) {
          if (reported.add(issue.getMessage())) {
            fresh.add(issue);
          }
        }
        reportCel(source, fresh, "for product " + product.id());
        ok = false;
      }
    }
    if (products.isEmpty()) {
      CelValidationResult result = ConditionEnvironment.filterWithDynamicColumns(columns).compile(source.text());
      if (result.hasError()) {
        reportCel(source, result.getErrors(), null);
        ok = false;
      }
    }
    return ok ? new Filter(source.text(), ast, columns) : null;
  }

  private @Nullable Retention retention(RawRule raw, List<DataProduct> products) {
    RawRetention rawRetention = raw.retention();
    if (rawRetention == null) {
      problems.error("missing-key", file, raw.position(),
          "a retention rule needs 'retention: {basis, minimum, maximum, action}' or 'legalHold: true'",
          "add e.g. retention: {basis: created_at, maximum: P7Y, action: delete}");
      return null;
    }
    Period minimum = period(rawRetention.minimum());
    Period maximum = period(rawRetention.maximum());
    RetentionAction action = null;
    if (rawRetention.action() != null) {
      action = RetentionAction.fromWireName(rawRetention.action().text()).orElse(null);
      if (action == null) {
        unknownValue(file, rawRetention.action(), "retention action", names(RetentionAction.values()), problems);
      }
    }
    Scalar basis = rawRetention.basis();
    if (rawRetention.maximum() != null && basis == null) {
      problems.error("missing-basis", file, rawRetention.position(), "a retention maximum needs a 'basis' date column",
          "add basis: <the date or timestamp column rows age by>");
    }
    if (rawRetention.minimum() == null && rawRetention.maximum() == null && !rawRetention.legalHold()) {
      problems.error("empty-retention", file, rawRetention.position(),
          "the retention rule sets no minimum, no maximum and no legal hold", "add minimum, maximum or legalHold: true");
    }
    if (basis != null) {
      for (DataProduct product : products) {
        Optional<Column> column = product.column(basis.text());
        if (column.isEmpty()) {
          String suggestion = Suggestions.closest(basis.text(), product.columns().stream().map(Column::name).toList());
          problems.error("retention-basis", file, basis.position(),
              "retention basis '" + basis.text() + "' is not a column of product " + product.id(),
              suggestion != null ? "did you mean '" + suggestion + "'?"
                  : "name a date or timestamp column present in every product the rule matches");
        } else if (!column.get().type().isTemporal()) {
          problems.error("retention-basis", file, basis.position(),
              "retention basis '" + basis.text() + "' of product " + product.id() + " is a "
                  + column.get().type().wireName() + " column, not a date or timestamp",
              "name a date or timestamp column");
        }
      }
    }
    return new Retention(basis == null ? null : basis.text(), minimum, maximum, action, rawRetention.legalHold());
  }

  private @Nullable Period period(@Nullable Scalar scalar) {
    if (scalar == null) {
      return null;
    }
    try {
      Period period = Period.parse(scalar.text());
      if (period.isNegative()) {
        problems.error("invalid-period", file, scalar.position(), "retention period '" + scalar.text() + "' is negative",
            "write a period like P7Y or P18M");
        return null;
      }
      return period;
    } catch (DateTimeParseException e) {
      problems.error("invalid-period", file, scalar.position(),
          "'" + scalar.text() + "' is not an ISO-8601 period", "write a period like P7Y, P18M or P30D");
      return null;
    }
  }
}
