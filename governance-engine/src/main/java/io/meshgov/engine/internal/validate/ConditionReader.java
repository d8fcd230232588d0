package io.meshgov.engine.internal.validate;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationResult;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.problem.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a rule's {@code when} and {@code unless} conditions against their typed CEL environment,
 * and words CEL's issues as problems at their position in the file, with a hint where one helps.
 */
final class ConditionReader {
  private final String file;
  private final @Nullable String fileText;
  private final ProblemSink problems;
  private final @Nullable KnownNames names;

  ConditionReader(RuleContext context) {
    this.names = context.names();
    this.file = context.file();
    this.fileText = context.fileText();
    this.problems = context.problems();
  }

  @Nullable Condition condition(@Nullable Scalar source, boolean columnLevel) {
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
      CelAbstractSyntaxTree ast = result.getAst();
      checkNames(source, ast);
      return new Condition(source.text(), ast, columnLevel);
    } catch (dev.cel.common.CelValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether this bundle's names are checked (not for rules an OPA answer contributes). */
  boolean checksNames() {
    return names != null;
  }

  /** The purposes, attributes, roles, groups and tags the checked expression names, against the vocabulary. */
  void checkNames(Scalar source, CelAbstractSyntaxTree checkedAst) {
    if (names != null) {
      names.conditionNames(file, source, checkedAst, fileText, problems);
    }
  }

  void reportCel(Scalar source, List<CelIssue> issues, @Nullable String context) {
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
      CelHints.Hint hint = CelHints.overload(source.text(), issue);
      if (hint != null) {
        problems.error("cel-type", file, CelSupport.position(source, issue, fileText),
            "CEL type error: " + hint.message() + (context == null ? "" : " (" + context + ")"), hint.help());
        continue;
      }
      message = CelHints.readableTypes(message);
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
}
