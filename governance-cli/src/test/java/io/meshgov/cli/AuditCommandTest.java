package io.meshgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AuditRecord;
import io.meshgov.api.Effect;
import io.meshgov.engine.json.AuditRecordJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code governance audit} (docs/cli.md, "audit"), run in-process on audit files written here or shipped in samples/audit. */
class AuditCommandTest {
  private static final Path SAMPLES = Path.of(System.getProperty("meshgov.policies", "../policies"))
      .resolveSibling("samples").resolve("audit");
  private static final Clock DECEMBER_6 = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  // ---------------------------------------------------------------- helpers

  private static GovernanceCliTest.Run audit(Clock clock, Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = GovernanceCli.newCommandLine();
    ((AuditCommand) cli.getSubcommands().get("audit").getCommand()).clock = clock;
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> words = new ArrayList<>(List.of("audit"));
    Arrays.stream(args).map(String::valueOf).forEach(words::add);
    int exit = cli.execute(words.toArray(new String[0]));
    return new GovernanceCliTest.Run(exit, out.toString(), err.toString());
  }

  private static GovernanceCliTest.Run audit(Object... args) {
    return audit(DECEMBER_6, args);
  }

  private static String line(String id, String time, String subject, String product, String action,
      Effect effect, Map<String, String> columns, String... rules) {
    return AuditRecordJson.toJsonLine(new AuditRecord(id, Instant.parse(time), subject, product, "1.0.0", action,
        "reporting", effect, columns, List.of(rules), "sha256:00", 42, List.of()));
  }

  private static Map<String, String> columns(String... nameAndTreatment) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (int i = 0; i < nameAndTreatment.length; i += 2) {
      columns.put(nameAndTreatment[i], nameAndTreatment[i + 1]);
    }
    return columns;
  }

  /** Five records: alice, bob and carol on invoices and ledger, permits and a deny, at known times. */
  private static final List<String> FIVE = List.of(
      line("d1", "2026-11-01T00:00:00Z", "alice", "invoices", "read", Effect.PERMIT,
          columns("email", "mask:email", "amount", "allow"), "pii/mask-email@1.2.0", "access/members@1.0.0"),
      line("d2", "2026-11-15T08:30:00.123456Z", "bob", "invoices", "read", Effect.PERMIT,
          columns("email", "allow", "amount", "allow"), "pii/readers-see-email@2.0.0", "access/members@1.0.0"),
      line("d3", "2026-11-20T10:00:00Z", "carol", "invoices", "export", Effect.DENY, columns(),
          "access/deny-contractors@1.0.0"),
      line("d4", "2026-11-30T23:59:59.999Z", "alice", "ledger", "read", Effect.PERMIT,
          columns("amount", "allow", "email", "mask:hash"), "access/members@1.1.0"),
      line("d5", "2026-12-01T00:00:00Z", "bob", "ledger", "read", Effect.PERMIT,
          columns("amount", "mask:redact"), "access/members@1.1.0"));

  private Path write(String name, List<String> lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private Path gzip(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
    return file;
  }

  /** The decision ids of the table's rows, in order: the 7th column. */
  private static List<String> ids(GovernanceCliTest.Run run) {
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(lines.size() - 1).contains(" record(s) matched of "), run.out());
    List<String> rows = lines.size() == 1 ? List.of() : lines.subList(1, lines.size() - 1); // the header, if any
    return rows.stream().map(row -> row.split("\\s+")[6]).toList();
  }

  private List<String> idsFor(Object... filter) throws IOException {
    Path file = write("five.jsonl", FIVE);
    List<Object> args = new ArrayList<>(List.of(file));
    args.addAll(List.of(filter));
    GovernanceCliTest.Run run = audit(args.toArray());
    assertEquals(0, run.exit(), run.err());
    assertEquals("", run.err());
    return ids(run);
  }

  // ---------------------------------------------------------------- filters

  @Test
  void noFilter_answersEveryRecord_inFileOrder() throws IOException {
    assertEquals(List.of("d1", "d2", "d3", "d4", "d5"), idsFor());
  }

  @Test
  void eachFilterAlone() throws IOException {
    assertEquals(List.of("d1", "d4"), idsFor("--subject", "alice"));
    assertEquals(List.of("d4", "d5"), idsFor("--product", "ledger"));
    assertEquals(List.of(), idsFor("--subject", "alic"), "ids are matched exactly");
    assertEquals(List.of("d1", "d2", "d4"), idsFor("--column", "email"), "a deny has no columns");
    assertEquals(List.of("d3"), idsFor("--effect", "deny"));
    assertEquals(List.of("d1", "d2", "d4", "d5"), idsFor("--effect", "permit"));
    assertEquals(List.of("d1", "d2", "d4", "d5"), idsFor("--rule", "access/members"), "any version");
    assertEquals(List.of("d4", "d5"), idsFor("--rule", "access/members@1.1.0"), "exactly this version");
    assertEquals(List.of(), idsFor("--rule", "access/member"));
    assertEquals(List.of("d1", "d2", "d3", "d4"), idsFor("--to", "2026-12-01"), "--to is exclusive");
    assertEquals(List.of("d5"), idsFor("--from", "2026-12-01T00:00:00Z"), "--from is inclusive");
    assertEquals(List.of("d2", "d3"), idsFor("--from", "2026-11-15T08:30:00.123456Z", "--to", "2026-11-30T23:59:59.999Z"));
  }

  @Test
  void columnEffects() throws IOException {
    assertEquals(List.of("d2"), idsFor("--column", "email", "--effect", "allow"));
    assertEquals(List.of("d1", "d4"), idsFor("--column", "email", "--effect", "mask"));
    assertEquals(List.of("d4"), idsFor("--column", "email", "--effect", "mask:hash"));
    assertEquals(List.of("d5"), idsFor("--column", "amount", "--effect", "mask:redact"));
    assertEquals(List.of(), idsFor("--column", "email", "--effect", "deny"));
  }

  @Test
  void filtersCombine_allMustMatch() throws IOException {
    assertEquals(List.of("d4"), idsFor("--subject", "alice", "--product", "ledger", "--column", "email",
        "--effect", "mask", "--rule", "access/members", "--from", "2026-11-02", "--to", "2026-12-01"));
    assertEquals(List.of(), idsFor("--subject", "alice", "--effect", "deny"));
    assertEquals(List.of("d2"), idsFor("--subject", "bob", "--to", "2026-12-01"));
  }

  @Test
  void table_isAligned_showsTheColumnsTreatment_andSummarises() throws IOException {
    Path file = write("five.jsonl", FIVE);
    GovernanceCliTest.Run run = audit(file, "--column", "email");
    assertEquals(0, run.exit(), run.err());
    assertEquals(List.of(
        "time                  subject  action  product   effect  purpose    decisionId  email",
        "2026-11-01T00:00:00Z  alice    read    invoices  permit  reporting  d1          mask:email",
        "2026-11-15T08:30:00Z  bob      read    invoices  permit  reporting  d2          allow",
        "2026-11-30T23:59:59Z  alice    read    ledger    permit  reporting  d4          mask:hash",
        "3 record(s) matched of 5 read in 1 file(s)"), run.out().lines().toList());
  }

  @Test
  void table_withoutMatches_printsOnlyTheSummary() throws IOException {
    GovernanceCliTest.Run run = audit(write("five.jsonl", FIVE), "--subject", "nobody");
    assertEquals(0, run.exit());
    assertEquals("0 record(s) matched of 5 read in 1 file(s)\n", run.out());
  }

  @Test
  void table_pastItsAlignmentWindow_streamsAtTheWidthsFound_andNeverCuts() {
    StringWriter text = new StringWriter();
    AuditTable table = new AuditTable(new PrintWriter(text), List.of("a", "b"), 2);
    table.add(List.of("xx", "1"));
    table.add(List.of("y", "2"));
    table.add(List.of("zzzz", "3"));
    table.add(List.of("w", "4"));
    table.finish();
    assertEquals("a   b\nxx  1\ny   2\nzzzz  3\nw   4\n", text.toString());
  }

  // ---------------------------------------------------------------- the November question, on the shipped samples

  @Test
  void whoReadCustomerEmailUnmaskedInNovember() {
    Path november = SAMPLES.resolve("november.jsonl");
    GovernanceCliTest.Run run = audit(november, "--column", "customer_email", "--effect", "allow",
        "--from", "2026-11-01", "--to", "2026-12-01");
    assertEquals(0, run.exit(), run.err());
    assertEquals(november + ":6: audit line is not valid JSON: Unexpected end-of-input: was expecting closing "
        + "quote for a string value\n", run.err(), "the torn line is there on purpose");
    List<String> rows = run.out().lines().toList();
    assertEquals(5, rows.size(), run.out());
    assertTrue(rows.get(0).startsWith("time  "), rows.get(0));
    assertTrue(rows.get(0).endsWith("decisionId                            customer_email"), rows.get(0));
    for (String row : rows.subList(1, 4)) {
      assertTrue(row.matches("2026-11-\\d\\dT\\S+Z  bob  +read  +finance\\.invoice_payments  permit  "
          + "fraud-investigation  \\S{36}  allow"), row);
    }
    assertTrue(rows.get(3).startsWith("2026-11-30T23:59:59Z"), "the last instant of November is in");
    assertEquals("3 record(s) matched of 12 read in 1 file(s)", rows.get(4));
  }

  // ---------------------------------------------------------------- gzip and rotation

  @Test
  void rotatedAndGzippedFiles_givenNewestFirst_areReadOldestFirst() throws IOException {
    Path current = write("audit.jsonl", FIVE.subList(3, 5));
    Path older = gzip("audit.jsonl.1.gz", (String.join("\n", FIVE.subList(1, 3)) + "\n").getBytes(StandardCharsets.UTF_8));
    // gzipped without the .gz name, as some rotation setups leave it: the magic bytes tell
    Path oldest = gzip("audit.jsonl.2", (FIVE.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
    GovernanceCliTest.Run run = audit(current, older, oldest);
    assertEquals(0, run.exit(), run.err());
    assertEquals("", run.err());
    assertEquals(List.of("d1", "d2", "d3", "d4", "d5"), ids(run));
    assertTrue(run.out().endsWith("5 record(s) matched of 5 read in 3 file(s)\n"), run.out());
  }

  @Test
  void aFileNamedGz_thatIsNotGzipped_isReadAsText() throws IOException {
    Path plain = write("plain.jsonl.gz", FIVE);
    GovernanceCliTest.Run run = audit(plain, "--format", "jsonl");
    assertEquals(0, run.exit(), run.err());
    assertEquals(String.join("\n", FIVE) + "\n", run.out());
  }

  @Test
  void truncatedGzip_isReportedAtTheLineItStops_andTheNextFileIsRead() throws IOException {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      many.append(line("t" + i, "2026-10-01T00:00:00Z", "alice", "invoices", "read", Effect.PERMIT, columns()))
          .append('\n');
    }
    Path full = gzip("full.gz", many.toString().getBytes(StandardCharsets.UTF_8));
    byte[] bytes = Files.readAllBytes(full);
    Path cut = dir.resolve("cut.jsonl.gz");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    Path next = write("next.jsonl", FIVE);
    GovernanceCliTest.Run run = audit(cut, next, "--subject", "bob");
    assertEquals(0, run.exit(), run.err());
    List<String> err = run.err().lines().toList();
    assertEquals(1, err.size(), run.err());
    assertTrue(err.get(0).matches(java.util.regex.Pattern.quote(cut.toString()) + ":\\d+: truncated gzip stream"), err.get(0));
    long stoppedAt = Long.parseLong(err.get(0).split(":")[1]);
    assertTrue(stoppedAt > 1 && stoppedAt < 2000, err.get(0));
    assertEquals(List.of("d2", "d5"), ids(run));
    assertTrue(run.out().endsWith("2 record(s) matched of " + (stoppedAt - 1 + 5) + " read in 2 file(s)\n"), run.out());
    assertEquals(1, audit(cut, next, "--strict").exit(), "a truncated stream counts as malformed under --strict");

    Path headerOnly = dir.resolve("header.gz");
    Files.write(headerOnly, Arrays.copyOf(bytes, 5));
    assertEquals(headerOnly + ":1: truncated gzip stream\n", audit(headerOnly).err());
  }

  // ---------------------------------------------------------------- malformed lines

  @Test
  void malformedLines_areReportedWithFileAndLine_andTheRestIsAnswered() throws IOException {
    Path file = dir.resolve("mixed.jsonl");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String> lines = List.of(
        FIVE.get(0),
        "this is not JSON",
        "[1, 2]",
        FIVE.get(1).replace(",\"subject\":\"bob\"", ""),
        FIVE.get(2).replace("\"latencyMicros\":42", "\"latencyMicros\":\"42\""),
        FIVE.get(3).replace("\"time\":\"2026-11-30T23:59:59.999Z\"", "\"time\":\"yesterday\""),
        "",
        FIVE.get(3).replace("}", ",\"note\":\"x\"}"),
        FIVE.get(3));
    for (String text : lines) {
      bytes.write(text.getBytes(StandardCharsets.UTF_8));
      bytes.write('\n');
    }
    bytes.write(new byte[] {'{', (byte) 0xc3, '}', '\n'}); // not UTF-8
    bytes.write("x".repeat(AuditLineReader.MAX_LINE_BYTES + 10).getBytes(StandardCharsets.US_ASCII));
    bytes.write('\n');
    bytes.write(FIVE.get(4).getBytes(StandardCharsets.UTF_8));
    bytes.write('\n');
    bytes.write(FIVE.get(4).substring(0, 30).getBytes(StandardCharsets.UTF_8)); // torn by a crash: no '\n'
    Files.write(file, bytes.toByteArray());

    GovernanceCliTest.Run run = audit(file);
    assertEquals(0, run.exit(), run.err());
    assertEquals(List.of(
        file + ":2: audit line is not valid JSON: Unrecognized token 'this': was expecting (JSON String, Number, "
            + "Array, Object or token 'null', 'true' or 'false')",
        file + ":3: audit line must be a JSON object",
        file + ":4: audit line lacks field 'subject'",
        file + ":5: audit line field 'latencyMicros' must be a whole number of microseconds",
        file + ":6: audit line field 'time' must be an ISO-8601 instant such as 2026-11-24T10:00:00Z, was 'yesterday'",
        file + ":7: audit line must be a JSON object",
        file + ":8: audit line has unknown field 'note'; an audit record has only decisionId, time, subject, "
            + "product, productVersion, action, purpose, effect, columns, rules, bundleDigest, latencyMicros, opa, cutoff, rows",
        file + ":10: not UTF-8 text",
        file + ":11: line longer than 1048576 bytes",
        file + ":13: audit line is not valid JSON: Unexpected end-of-input: was expecting closing quote for a string value"),
        run.err().lines().toList());
    assertEquals(List.of("d1", "d4", "d5"), ids(run));
    assertTrue(run.out().endsWith("3 record(s) matched of 3 read in 1 file(s)\n"), run.out());

    GovernanceCliTest.Run strict = audit(file, "--strict", "--subject", "alice");
    assertEquals(1, strict.exit(), "--strict: a malformed line fails the run, after answering");
    assertEquals(List.of("d1", "d4"), ids(strict));
    assertEquals(10, strict.err().lines().count());
  }

  @Test
  void strict_withoutMalformedLines_exits0() throws IOException {
    assertEquals(0, audit(write("five.jsonl", FIVE), "--strict").exit());
  }

  // ---------------------------------------------------------------- jsonl

  @Test
  void jsonl_printsTheMatchingLinesUnchanged_andNothingElse() throws IOException {
    // written by hand, not by the sink: spacing, escapes and non-ASCII text must survive as they are
    String spaced = "{ \"decisionId\" : \"h1\", \"time\":\"2026-11-02T09:00:00.5Z\",\"subject\":\"zo\u00eb\","
        + "\"product\":\"invoices\",\"productVersion\":\"1\",\"action\":\"read\",\"purpose\":\"caf\\u00e9\","
        + "\"effect\":\"permit\",\"columns\":{\"email\":\"allow\"},\"rules\":[],\"bundleDigest\":\"sha256:1\","
        + "\"latencyMicros\":7 }\r";
    Path file = write("hand.jsonl", List.of(FIVE.get(0), spaced, FIVE.get(2), FIVE.get(1)));
    GovernanceCliTest.Run run = audit(file, "--format", "jsonl", "--column", "email", "--effect", "allow");
    assertEquals(0, run.exit(), run.err());
    assertEquals("", run.err());
    assertEquals(spaced + "\n" + FIVE.get(1) + "\n", run.out());

    GovernanceCliTest.Run none = audit(file, "--format", "jsonl", "--subject", "nobody");
    assertEquals("", none.out(), "no summary in jsonl");
  }

  // ---------------------------------------------------------------- --since

  @Test
  void since_countsBackFromTheCommandsClock() throws IOException {
    Path file = write("recent.jsonl", List.of(
        line("old", "2026-10-01T12:00:00Z", "alice", "invoices", "read", Effect.PERMIT, columns()),
        line("edge", "2026-11-06T12:00:00Z", "alice", "invoices", "read", Effect.PERMIT, columns()),
        line("week", "2026-11-30T12:00:00Z", "alice", "invoices", "read", Effect.PERMIT, columns()),
        line("hour", "2026-12-06T11:00:00Z", "alice", "invoices", "read", Effect.PERMIT, columns()),
        line("sec", "2026-12-06T11:59:30Z", "alice", "invoices", "read", Effect.PERMIT, columns())));
    assertEquals(List.of("edge", "week", "hour", "sec"), ids(audit(DECEMBER_6, file, "--since", "30d")),
        "exactly 30 days back is in");
    assertEquals(List.of("hour", "sec"), ids(audit(DECEMBER_6, file, "--since", "12h")));
    assertEquals(List.of("hour", "sec"), ids(audit(DECEMBER_6, file, "--since", "90m")));
    assertEquals(List.of("sec"), ids(audit(DECEMBER_6, file, "--since", "45s")));
    Clock later = Clock.offset(DECEMBER_6, java.time.Duration.ofDays(1));
    assertEquals(List.of(), ids(audit(later, file, "--since", "12h")));
    assertEquals(List.of("week"), ids(audit(DECEMBER_6, file, "--since", "60d", "--from", "2026-11-07", "--to", "2026-12-06")),
        "--since and --from both hold");
  }

  // ---------------------------------------------------------------- usage errors and unreadable files

  @Test
  void valuesThatCannotBeMeant_areUsageErrors_exit2() throws IOException {
    Path file = write("five.jsonl", FIVE);
    Map<List<String>, String> cases = new LinkedHashMap<>();
    cases.put(List.of("--effect", "allow"), "error: --effect: 'allow' is not permit or deny (allow, mask and "
        + "mask:<method> are a column's, for use with --column)");
    cases.put(List.of("--column", "email", "--effect", "mask:emial"), "error: --effect: with --column, 'mask:emial' "
        + "is not allow, deny, mask or mask:<method> (partial, email, year, hash, redact, default, nullify)");
    cases.put(List.of("--column", "email", "--effect", "permit"), "error: --effect: with --column, 'permit' "
        + "is not allow, deny, mask or mask:<method> (partial, email, year, hash, redact, default, nullify)");
    cases.put(List.of("--rule", "mask-email"), "error: --rule: 'mask-email' is not SET/RULE or SET/RULE@VERSION, "
        + "e.g. global.pii-protection/mask-email");
    cases.put(List.of("--from", "2026-11-31"), "error: --from: '2026-11-31' is not a date or timestamp; write e.g. 2026-11-24 "
        + "or 2026-11-24T10:00:00Z");
    cases.put(List.of("--from", "2026-12-01", "--to", "2026-11-01"),
        "error: --from 2026-12-01 must be before --to 2026-11-01 (--to is exclusive)");
    cases.put(List.of("--since", "2w"), "error: --since: '2w' is not a positive whole number of days, hours, "
        + "minutes or seconds, like 30d, 12h, 90m or 45s");
    cases.put(List.of("--since", "0d"), "error: --since: '0d' is not a positive whole number of days, hours, "
        + "minutes or seconds, like 30d, 12h, 90m or 45s");
    for (Map.Entry<List<String>, String> bad : cases.entrySet()) {
      List<Object> args = new ArrayList<>(List.of(file));
      args.addAll(bad.getKey());
      GovernanceCliTest.Run run = audit(args.toArray());
      assertEquals(2, run.exit(), bad.getKey()::toString);
      assertEquals(bad.getValue() + "\n", run.err(), bad.getKey()::toString);
      assertEquals("", run.out());
    }
  }

  @Test
  void missingFileOrDirectory_isAnError_exit2_beforeAnyAnswer() throws IOException {
    Path file = write("five.jsonl", FIVE);
    GovernanceCliTest.Run missing = audit(file, dir.resolve("gone.jsonl"));
    assertEquals(2, missing.exit());
    assertEquals("error: cannot read audit file " + dir.resolve("gone.jsonl") + ": no such file\n", missing.err());
    assertEquals("", missing.out());
    GovernanceCliTest.Run directory = audit(dir);
    assertEquals(2, directory.exit());
    assertEquals("error: cannot read audit file " + dir + ": it is a directory; give its files (a shell glob such as "
        + dir.resolve("*") + ")\n", directory.err());
    assertEquals(2, audit().exit(), "at least one file");
  }

  // ---------------------------------------------------------------- size

  /**
   * 200,000 records (some 130 MB) through a JVM with a 32 MB heap, every record matching the
   * table: the run only succeeds if files are streamed and the table holds a bounded number of rows.
   */
  @Test
  void aLargeFile_isStreamedInBoundedMemory() throws IOException, InterruptedException {
    Path big = dir.resolve("big.jsonl");
    Map<String, String> wide = new LinkedHashMap<>();
    for (int c = 0; c < 20; c++) {
      wide.put("column_number_" + c, c % 3 == 0 ? "mask:redact" : "allow");
    }
    long size;
    try (Writer out = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
      Instant start = Instant.parse("2026-01-01T00:00:00Z");
      for (int i = 0; i < 200_000; i++) {
        out.write(AuditRecordJson.toJsonLine(new AuditRecord(String.format("%036d", i), start.plusSeconds(i * 60L),
            "subject-" + (i % 50), "product-" + (i % 7), "1.0.0", "read", "reporting", Effect.PERMIT, wide,
            List.of("global.access/permit-domain-members@1.0.0"), "sha256:" + "0".repeat(64), i, List.of())));
        out.write('\n');
      }
    }
    size = Files.size(big);
    assertTrue(size > 4L * 32 * 1024 * 1024, "the file must dwarf the heap: " + size);
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx32m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
        GovernanceCli.class.getName(), "audit", big.toString(), "--column", "column_number_3")
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the run did not end");
    assertEquals(0, child.exitValue(), () -> readQuietly(stderr));
    assertEquals("", readQuietly(stderr));
    long lines;
    String last = null;
    try (var rows = Files.lines(stdout)) {
      lines = rows.count();
    }
    try (var rows = Files.lines(stdout)) {
      last = rows.skip(lines - 1).findFirst().orElseThrow();
    }
    assertEquals(200_000 + 2, lines, "a header, a row per record, a summary");
    assertEquals("200000 record(s) matched of 200000 read in 1 file(s)", last);
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
