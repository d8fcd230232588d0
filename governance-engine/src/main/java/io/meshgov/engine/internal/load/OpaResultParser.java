package io.meshgov.engine.internal.load;

import io.meshgov.engine.internal.load.RawDocuments.RawMask;
import io.meshgov.engine.internal.load.RawDocuments.RawMatch;
import io.meshgov.engine.internal.load.RawDocuments.RawRetention;
import io.meshgov.engine.internal.load.RawDocuments.RawRule;
import io.meshgov.engine.internal.load.SourceNode.Entry;
import io.meshgov.engine.internal.load.SourceNode.ListNode;
import io.meshgov.engine.internal.load.SourceNode.MapNode;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.load.SourceNode.ScalarKind;
import io.meshgov.engine.internal.load.SourceNode.ScalarStyle;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code result} of an OPA-backed policy set (docs/opa.md) into the rules it contributes, so
 * that they are validated, compiled and combined exactly like rules written in YAML. Every
 * contribution becomes one rule: {@code access} (one rule per reason, or one named {@code opa}), a
 * column {@code deny} or {@code mask}, each row filter, the retention. The shape is checked
 * strictly: an unknown field, a value of the wrong JSON type or an unknown column is an error, so a
 * typo in Rego can never silently weaken a decision.
 */
public final class OpaResultParser {
  /** The rule name of a contribution that names none (docs/opa.md). */
  public static final String DEFAULT_RULE = "opa";

  private static final Set<String> RESULT_KEYS = Set.of("access", "columns", "rowFilters", "retention", "reasons");
  private static final Set<String> COLUMN_KEYS = Set.of("effect", "method", "rule");
  private static final Set<String> FILTER_KEYS = Set.of("rule", "expression");
  private static final Set<String> RETENTION_KEYS = Set.of("basis", "minimum", "maximum", "action", "legalHold", "rule");
  private static final Set<String> REASON_KEYS = Set.of("rule", "message");
  private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");

  private final NodeReader reader;
  private final Collection<String> columns;

  /** {@code columns}: the names of the product's columns; a result naming another is an error. */
  public OpaResultParser(NodeReader reader, Collection<String> columns) {
    this.reader = reader;
    this.columns = columns;
  }

  public List<RawRule> rules(SourceNode result) {
    List<RawRule> rules = new ArrayList<>();
    MapNode map = reader.map(result, "the OPA result", RESULT_KEYS);
    if (map == null) {
      return rules;
    }
    access(map, rules);
    SourceNode byName = reader.value(map, "columns");
    if (byName instanceof MapNode columnMap) {
      for (Entry column : columnMap.entries().values()) {
        column(column, rules);
      }
    } else if (byName != null) {
      reader.error("wrong-type", byName.position(),
          "'columns' of the OPA result must be an object of column name to decision, not " + byName.describe(),
          "write {\"card_number\": {\"effect\": \"deny\"}}");
    }
    ListNode filters = reader.list(reader.value(map, "rowFilters"), "'rowFilters' of the OPA result");
    if (filters != null) {
      for (SourceNode item : filters.items()) {
        MapNode filter = reader.map(item, "a row filter of the OPA result", FILTER_KEYS);
        if (filter == null) {
          continue;
        }
        Scalar expression = text(filter, "expression", "a row filter", true);
        rules.add(new RawRule(filter.position(), ruleName(filter), word(filter.position(), "row-filter"), null,
            RawMatch.empty(filter.position()), null, null, null, null, expression, null, List.of()));
      }
    }
    MapNode retention = reader.map(reader.value(map, "retention"), "'retention' of the OPA result", RETENTION_KEYS);
    if (retention != null) {
      Boolean legalHold = reader.bool(retention, "legalHold", "'retention'");
      RawRetention raw = new RawRetention(retention.position(),
          text(retention, "basis", "'retention'", false),
          text(retention, "minimum", "'retention'", false),
          text(retention, "maximum", "'retention'", false),
          text(retention, "action", "'retention'", false),
          legalHold != null && legalHold, null, List.of());
      rules.add(new RawRule(retention.position(), ruleName(retention), word(retention.position(), "retention"), null,
          RawMatch.empty(retention.position()), null, null, null, null, null, raw, List.of()));
    }
    return rules;
  }

  private void access(MapNode map, List<RawRule> rules) {
    Scalar access = text(map, "access", "the OPA result", false);
    Entry reasonsEntry = map.entry("reasons");
    List<MapNode> reasons = new ArrayList<>();
    ListNode list = reasonsEntry == null ? null : reader.list(reasonsEntry.value(), "'reasons' of the OPA result");
    if (list != null) {
      for (SourceNode item : list.items()) {
        MapNode reason = reader.map(item, "a reason of the OPA result", REASON_KEYS);
        if (reason != null) {
          text(reason, "message", "a reason", false);
          reasons.add(reason);
        }
      }
    }
    if (access == null) {
      // an empty list explains nothing, so it needs no access either
      if (!reasons.isEmpty() && map.entry("access") == null) {
        reader.error("opa-reasons-without-access", reasonsEntry.keyPosition(),
            "the OPA result gives 'reasons' but no 'access'; reasons explain an access contribution",
            "add \"access\": \"permit\" or \"deny\" beside the reasons, or drop the reasons");
      }
      return;
    }
    if (reasons.isEmpty()) {
      rules.add(accessRule(map.position(), word(access.position(), DEFAULT_RULE), access, null, null));
      return;
    }
    for (MapNode reason : reasons) {
      rules.add(accessRule(reason.position(), ruleName(reason), access, text(reason, "message", "a reason", false),
          null));
    }
  }

  private void column(Entry entry, List<RawRule> rules) {
    String name = entry.key();
    if (!columns.contains(name)) {
      String suggestion = Suggestions.closest(name, columns);
      reader.error("opa-unknown-column", entry.keyPosition(), "the OPA result names column '" + name
              + "', which the product does not have",
          suggestion != null ? "did you mean '" + suggestion + "'?" : "name a column of the product");
      return;
    }
    if (!(entry.value() instanceof MapNode column)) {
      reader.error("wrong-type", entry.value().position(),
          "the decision for column '" + name + "' must be an object, not " + entry.value().describe(),
          "write {\"effect\": \"allow\" | \"deny\" | \"mask\", …}");
      return;
    }
    Scalar effect = text(column, "effect", "the decision for column '" + name + "'", true);
    if (effect == null) {
      return;
    }
    boolean mask = effect.text().equals("mask");
    Scalar method = null;
    Map<String, Scalar> parameters = new LinkedHashMap<>();
    Map<String, Position> parameterKeys = new LinkedHashMap<>();
    for (Entry field : column.entries().values()) {
      if (COLUMN_KEYS.contains(field.key())) {
        continue;
      }
      if (!mask) {
        reader.error("unknown-key", field.keyPosition(), "unknown key '" + field.key() + "' in the decision for column '"
            + name + "'", "only a mask takes parameters; allowed keys: effect, rule");
      } else if (field.value() instanceof Scalar scalar
          && (scalar.kind() == ScalarKind.STRING || scalar.kind() == ScalarKind.INTEGER)) {
        parameters.put(field.key(), scalar);
        parameterKeys.put(field.key(), field.keyPosition());
      } else {
        reader.error("wrong-type", field.value().position(), "mask parameter '" + field.key()
            + "' must be a number or a string, not " + field.value().describe(), null);
      }
    }
    if (mask) {
      method = text(column, "method", "a mask of column '" + name + "'", true);
    } else if (column.entry("method") != null) {
      reader.error("unknown-key", column.entry("method").keyPosition(),
          "'method' only goes with \"effect\": \"mask\" (column '" + name + "')", "remove it, or make the effect mask");
    }
    Scalar ruleName = ruleName(column);
    Position at = column.position();
    Scalar columnName = new Scalar(entry.keyPosition(), name, ScalarKind.STRING, ScalarStyle.QUOTED, entry.keyPosition());
    RawMatch match = new RawMatch(at, null, null, null, null, true, List.of(columnName), null, null);
    switch (effect.text()) {
      case "allow":
        return;
      case "deny":
        rules.add(accessRule(at, ruleName, effect, null, match));
        return;
      case "mask":
        rules.add(new RawRule(at, ruleName, word(at, "mask"), null, match, null, null, null,
            new RawMask(at, method, parameters, parameterKeys), null, null, List.of()));
        return;
      default:
        String suggestion = Suggestions.closest(effect.text(), List.of("allow", "deny", "mask"));
        reader.error("unknown-effect", effect.position(), "unknown column effect '" + effect.text() + "'",
            suggestion != null ? "did you mean '" + suggestion + "'?" : "use one of allow, deny, mask");
    }
  }

  private RawRule accessRule(Position at, Scalar id, Scalar effect, @Nullable Scalar description,
      @Nullable RawMatch match) {
    return new RawRule(at, id, word(at, "access"), description, match == null ? RawMatch.empty(at) : match,
        null, null, effect, null, null, null, List.of());
  }

  /** The contribution's {@code rule}, or {@code opa} when it names none. */
  private Scalar ruleName(MapNode map) {
    Scalar rule = text(map, "rule", "'rule'", false);
    if (rule == null) {
      return word(map.position(), DEFAULT_RULE);
    }
    if (!RULE_NAME.matcher(rule.text()).matches()) {
      reader.error("invalid-name", rule.position(), "rule name '" + rule.text() + "' is not a rule id",
          "use letters, digits, '-', '_', '.' or ':', starting with a letter or digit");
    }
    return rule;
  }

  /** A string field: JSON strings only, unlike YAML where a plain scalar of any type has a text. */
  private @Nullable Scalar text(MapNode map, String key, String what, boolean required) {
    SourceNode node = required ? reader.required(map, key, what) : reader.value(map, key);
    if (node == null) {
      return null;
    }
    if (node instanceof Scalar scalar && scalar.kind() == ScalarKind.STRING) {
      return scalar;
    }
    reader.error("wrong-type", node.position(), "'" + key + "' of " + what + " must be a string, not " + node.describe(),
        null);
    return null;
  }

  private static Scalar word(Position at, String text) {
    return new Scalar(at, text, ScalarKind.STRING, ScalarStyle.PLAIN, at);
  }
}
