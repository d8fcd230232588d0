package io.meshgov.cli;

import io.meshgov.api.PolicyTestReport;
import io.meshgov.api.RuleCoverage;
import io.meshgov.api.RuleInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code test --coverage}: the share of rules the cases applied, in total and per policy set
 * version, then each rule no case applied at its {@code file:line} (docs/cli.md).
 */
final class CoverageSummary {
  private CoverageSummary() {}

  /** The share of rules applied, in percent; 100 when the bundle has no rule to apply. */
  static double percent(PolicyTestReport report) {
    return percent(report.appliedRules(), report.coverage().size());
  }

  static void print(PolicyTestReport report, PrintWriter out) {
    List<RuleCoverage> rules = report.coverage();
    out.println("coverage: " + report.appliedRules() + " of " + rules.size() + " rules applied by a test case ("
        + formatPercent(percent(report)) + ")");
    Map<String, long[]> bySet = new LinkedHashMap<>();
    for (RuleCoverage rule : rules) {
      long[] counts = bySet.computeIfAbsent(rule.rule().policySetId() + "@" + rule.rule().version(),
          unused -> new long[2]);
      counts[0] += rule.applied() ? 1 : 0;
      counts[1]++;
    }
    int width = 0;
    for (String set : bySet.keySet()) {
      width = Math.max(width, set.length());
    }
    for (Map.Entry<String, long[]> set : bySet.entrySet()) {
      long[] counts = set.getValue();
      out.println(String.format(Locale.ROOT, "  %-" + width + "s  %3d of %-3d %7s", set.getKey(), counts[0], counts[1],
          formatPercent(percent(counts[0], counts[1]))));
    }
    List<RuleCoverage> missed = new ArrayList<>();
    for (RuleCoverage rule : rules) {
      if (!rule.applied()) {
        missed.add(rule);
      }
    }
    if (!missed.isEmpty()) {
      out.println("not applied by any test case:");
      for (RuleCoverage rule : missed) {
        RuleInfo info = rule.rule();
        out.println("  " + info.location() + ": " + info.reference() + " (" + info.kind() + ")"
            + (rule.inForceAtSomeCase() ? "" : ": not in force at any test case's time"));
      }
    }
    for (String set : report.opaBackedSets()) {
      out.println("not counted: " + set + " is evaluated by OPA; its rules are Rego, tested with opa test");
    }
  }

  private static double percent(long applied, long total) {
    return total == 0 ? 100.0 : 100.0 * applied / total;
  }

  /** One decimal, rounded down so that 99.96 % never shows as 100.0 %. */
  static String formatPercent(double percent) {
    return String.format(Locale.ROOT, "%.1f %%", Math.floor(percent * 10) / 10);
  }
}
