package io.meshgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgov.api.Action;
import io.meshgov.api.Problem;
import io.meshgov.api.RequestException;
import io.meshgov.api.RuleInfo;
import io.meshgov.api.RuleMatch;
import io.meshgov.engine.GovernanceEngine;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    description = {"List every rule that can apply to a product or column, without a request, in combining "
        + "order: each at its file:line, with why it matches.",
        "Exit 0 when listed, 2 for an unknown product or column or a bundle with errors."})
final class RulesCommand implements Callable<Integer> {
  /** How the list is printed. Named as written on the command line, so picocli lists exactly these. */
  enum Format { text, json }

  @Parameters(index = "0", paramLabel = "PRODUCT", description = "A product id of the bundle's catalog.")
  String product;

  @Option(names = "--column", paramLabel = "C",
      description = "Only this column's column rules, with the rules that hold for the whole product.")
  @Nullable String column;

  @Option(names = "--at", paramLabel = "T", converter = InstantConverter.class,
      description = "Mark the rules of versions not in force at T (an instant, or a date: its midnight UTC); default now.")
  @Nullable Instant at;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default) or json.")
  Format format = Format.text;

  @Mixin BundleOption bundle;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant instant = at != null ? at : Instant.now();
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(bundle.directory()).build()) {
      List<RuleMatch> rules;
      try {
        rules = engine.rulesFor(product, column, instant);
      } catch (RequestException e) {
        // the product and column come from the command line, not from a request file
        for (Problem problem : e.problems()) {
          err.println(new Problem(problem.severity(), problem.code(), "<command line>", 0, 0, problem.message(),
              problem.help()).format());
        }
        err.flush();
        return GovernanceCli.BAD_INPUT;
      }
      if (format == Format.json) {
        out.println(JsonProblemWriter.pretty(json(rules, instant)));
      } else {
        text(rules, instant, out);
      }
      out.flush();
      return GovernanceCli.OK;
    }
  }

  private void text(List<RuleMatch> rules, Instant instant, PrintWriter out) {
    long inForce = rules.stream().filter(RuleMatch::inForce).count();
    out.println(rules.size() + (rules.size() == 1 ? " rule" : " rules") + " can apply to " + product
        + (column == null ? "" : ", column " + column) + "; " + inForce + " in force at " + instant);
    for (RuleMatch rule : rules) {
      RuleInfo info = rule.rule();
      out.println();
      out.println(info.location() + ": " + info.reference() + " (" + info.kind()
          + (rule.columns().isEmpty() ? "" : rule.columns().size() == 1 ? ", column " + rule.columns().get(0)
              : ", columns " + String.join(", ", rule.columns()))
          + "): " + rule.effect());
      String window = window(info);
      if (!rule.inForce()) {
        out.println("  not in force at " + instant + (window.isEmpty() ? "" : ": " + window));
      } else if (!window.isEmpty()) {
        out.println("  " + window);
      }
      if (rule.actions().size() < Action.values().length) {
        out.println("  match.actions: " + String.join(", ", rule.actions().stream().map(Action::wireName).toList()));
      }
      for (String reason : rule.reasons()) {
        out.println("  why: " + reason);
      }
      if (rule.when() != null) {
        out.println("  when: " + oneLine(rule.when()));
      }
      if (rule.unless() != null) {
        out.println("  unless: " + oneLine(rule.unless()));
      }
    }
  }

  private ObjectNode json(List<RuleMatch> rules, Instant instant) {
    ObjectNode document = JsonProblemWriter.JSON.createObjectNode();
    document.put("product", product);
    document.put("column", column);
    document.put("at", instant.toString());
    ArrayNode list = document.putArray("rules");
    for (RuleMatch rule : rules) {
      RuleInfo info = rule.rule();
      ObjectNode node = list.addObject();
      node.put("policySet", info.policySetId());
      node.put("version", info.version());
      node.put("rule", info.ruleId());
      node.put("kind", info.kind());
      node.put("scope", info.scope());
      node.put("file", info.file());
      node.put("line", info.line());
      node.put("effectiveFrom", info.effectiveFrom() == null ? null : info.effectiveFrom().toString());
      node.put("effectiveUntil", info.effectiveUntil() == null ? null : info.effectiveUntil().toString());
      node.put("inForce", rule.inForce());
      node.put("effect", rule.effect());
      node.put("when", rule.when());
      node.put("unless", rule.unless());
      ArrayNode actions = node.putArray("actions");
      rule.actions().forEach(action -> actions.add(action.wireName()));
      ArrayNode columns = node.putArray("columns");
      rule.columns().forEach(columns::add);
      ArrayNode reasons = node.putArray("reasons");
      rule.reasons().forEach(reasons::add);
    }
    return document;
  }

  private static String window(RuleInfo info) {
    if (info.effectiveFrom() == null && info.effectiveUntil() == null) {
      return "";
    }
    return "in force" + (info.effectiveFrom() == null ? "" : " from " + info.effectiveFrom())
        + (info.effectiveUntil() == null ? "" : " until " + info.effectiveUntil());
  }

  /** A folded YAML condition spans lines; one line keeps each rule's block readable. */
  private static String oneLine(String condition) {
    return condition.strip().replaceAll("\\s*\\n\\s*", " ");
  }
}
