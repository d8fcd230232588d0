package io.meshgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.server.ServerSetting;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Each command takes exactly the options it uses, and its help offers nothing it refuses or
 * ignores (issue #8): no batches for explain and opa-input, no audit file for opa-input, only the
 * OPA URL for validate and opa-input.
 */
class CommandOptionsTest {
  private static final Set<String> STANDARD = Set.of("--help", "--version");
  private static final Set<String> OPA_CONNECTION = Set.of("--opa-url", "--opa-token-file", "--opa-timeout", "--opa-ca-file");

  private static GovernanceCliTest.Run run(String... args) {
    return GovernanceCliTest.run(args);
  }

  private static String help(String command) {
    GovernanceCliTest.Run run = run(command, "--help");
    assertEquals(0, run.exit(), run::err);
    return run.out();
  }

  private static Set<String> options(String command) {
    return options(GovernanceCli.newCommandLine().getSubcommands().get(command));
  }

  private static Set<String> options(CommandLine subcommand) {
    Set<String> names = new TreeSet<>();
    for (OptionSpec option : subcommand.getCommandSpec().options()) {
      names.add(option.longestName());
    }
    names.removeAll(STANDARD);
    return names;
  }

  private static Set<String> union(Set<String> first, String... more) {
    Set<String> all = new TreeSet<>(first);
    all.addAll(List.of(more));
    return all;
  }

  @Test
  void everyCommand_declaresExactlyTheOptionsItUses() {
    Map<String, Set<String>> expected = Map.ofEntries(
        Map.entry("decide", union(OPA_CONNECTION, "--policies", "--request", "--audit")),
        Map.entry("explain", union(OPA_CONNECTION, "--policies", "--request", "--audit")),
        Map.entry("opa-input", Set.of("--policies", "--request", "--opa-url", "--policy-set", "--pretty")),
        Map.entry("validate", Set.of("--policies", "--opa-url", "--strict", "--format", "--subjects")),
        Map.entry("test", union(OPA_CONNECTION, "--policies", "--verbose", "--coverage", "--min-coverage")),
        Map.entry("impact", Set.of("--base", "--policies", "--subjects", "--requests", "--at", "--format", "--fail-on")),
        Map.entry("rules", Set.of("--policies", "--column", "--at", "--format")),
        Map.entry("sql", union(OPA_CONNECTION, "--policies", "--request", "--audit", "--dialect", "--table", "--inline")),
        Map.entry("report", union(OPA_CONNECTION, "--policies", "--subjects", "--out", "--at", "--purpose")),
        Map.entry("serve", Set.of("--policies", "--config", "--bind", "--port", "--subjects", "--audit", "--max-request-bytes",
            "--request-timeout", "--shutdown-timeout", "--trino-filter-identity", "--trino-default-purpose",
            "--trino-allow-writes", "--trino-writers", "--trino-allow-unbound-tables", "--trino-decision-ttl", "--trino-cache-size")),
        Map.entry("audit", Set.of("--subject", "--product", "--column", "--effect", "--rule", "--from", "--to", "--since", "--format", "--strict")),
        Map.entry("retention", Set.of()));
    assertEquals(expected.keySet(), GovernanceCli.newCommandLine().getSubcommands().keySet());
    for (Map.Entry<String, Set<String>> command : expected.entrySet()) {
      assertEquals(new TreeSet<>(command.getValue()), options(command.getKey()), command.getKey());
    }
  }

  @Test
  void retentionSubcommands_declareExactlyTheOptionsTheyUse() {
    Map<String, CommandLine> subcommands = GovernanceCli.newCommandLine().getSubcommands().get("retention").getSubcommands();
    assertEquals(Set.of("plan", "apply"), subcommands.keySet());
    assertEquals(Set.of("--policies", "--at", "--dialect", "--format"), options(subcommands.get("plan")));
    assertEquals(Set.of("--policies", "--jdbc", "--user", "--password-file", "--at", "--dry-run", "--audit"),
        options(subcommands.get("apply")));
  }

  @Test
  void retention_withoutASubcommand_isAUsageError_exit2() {
    GovernanceCliTest.Run run = run("retention");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("Missing required subcommand"), run::err);
  }

  @Test
  void decideHelp_offersBatchesAuditAndOpaConnection() {
    String help = help("decide");
    assertTrue(help.contains("--request=FILE|-     A request (JSON object) or a batch (JSON array)"), help);
    assertTrue(help.contains("--audit=FILE"), help);
    assertTrue(help.contains("--opa-timeout=DURATION"), help);
    assertTrue(help.contains("--policies=DIR --request=FILE|-"), help);
  }

  @Test
  void explainHelp_doesNotMentionBatches() {
    String help = help("explain");
    assertFalse(help.toLowerCase(Locale.ROOT).contains("batch"), help);
    assertFalse(help.contains("JSON array"), help);
    assertTrue(help.contains("--request=FILE|-     A request (JSON object); - reads standard input."), help);
  }

  @Test
  void opaInputHelp_hasNoAuditNoBatchesAndOnlyTheOpaUrl() {
    String help = help("opa-input");
    assertFalse(help.contains("--audit"), help);
    assertFalse(help.toLowerCase(Locale.ROOT).contains("batch"), help);
    for (String option : List.of("--opa-timeout", "--opa-token-file", "--opa-ca-file")) {
      assertFalse(help.contains(option), () -> option + " in:\n" + help);
    }
    assertTrue(help.contains("--opa-url=URL"), help);
  }

  @Test
  void validateHelp_hasOnlyTheOpaUrl_strictFormatAndSubjects_andBothWaysToNameTheBundle() {
    String help = help("validate");
    for (String option : List.of("--opa-timeout", "--opa-token-file", "--opa-ca-file", "--audit", "--request")) {
      assertFalse(help.contains(option), () -> option + " in:\n" + help);
    }
    String words = help.replaceAll("\\s+", " ");
    assertTrue(words.contains("Usage: governance validate [-hV] [--strict] [--format=FORMAT] [--opa-url=URL] "
        + "[--subjects=FILE] (--policies=DIR | DIR)"), help);
    assertTrue(words.contains("--subjects=FILE Also check this subjects file (YAML or JSON) against the bundle's "
        + "vocabulary; its problems are printed after the bundle's."), help);
    assertTrue(words.contains("--format=FORMAT How to print the problems: text, json, sarif "
        + "(default: text)."), help);
  }

  @Test
  void testHelp_hasOpaConnection_andBothWaysToNameTheBundle() {
    String help = help("test");
    assertFalse(help.contains("--audit"), help);
    assertFalse(help.contains("--request"), help);
    assertTrue(help.contains("--opa-timeout=DURATION"), help);
    assertTrue(help.replaceAll("\\s+", " ").contains("(--policies=DIR | DIR)"), help);
  }

  @Test
  void serve_hasAFlagForEveryServerSetting() {
    for (ServerSetting setting : ServerSetting.values()) {
      assertTrue(options("serve").contains(setting.flag()), setting::flag);
    }
    assertFalse(help("serve").contains("--opa-url"), "the server takes no OPA settings yet");
  }

  @Test
  void serve_badSetting_isAUsageError_exit2() {
    GovernanceCliTest.Run run = run("serve", "--policies", "policies", "--port", "http", "--trino-allow-writes", "yes");
    assertEquals(2, run.exit());
    assertEquals(List.of("error: --port: port: 'http' is not a whole number from 0 to 65535",
        "error: --trino-allow-writes: trino.allow-writes: 'yes' is not true or false"), run.err().lines().toList());
  }

  @Test
  void opaInput_audit_isAnUnknownOption_exit2() {
    GovernanceCliTest.Run run = run("opa-input", "--policies", "p", "--request", "r.json", "--audit", "a.jsonl");
    assertEquals(2, run.exit());
    assertEquals("Unknown options: '--audit', 'a.jsonl'", run.err().lines().findFirst().orElse(""));
  }

  @Test
  void validate_opaTimeout_isAnUnknownOption_exit2() {
    GovernanceCliTest.Run run = run("validate", "--policies", "p", "--opa-timeout", "1s");
    assertEquals(2, run.exit());
    assertEquals("Unknown options: '--opa-timeout', '1s'", run.err().lines().findFirst().orElse(""));
  }
}
