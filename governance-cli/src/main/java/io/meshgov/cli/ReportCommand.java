package io.meshgov.cli;

import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.subjects.SubjectDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    description = {"Write an access map: one HTML page of what every subject of a subjects file may read of "
        + "every product: each column allowed, masked or denied, row filters and retention.",
        "Decides without auditing: the report reads no data. Prints 'report: N products × M subjects → FILE'.",
        "Exit 0 with the page written; 2 for a bad bundle, subjects file or option, or a page that cannot be "
            + "written."})
final class ReportCommand implements Callable<Integer> {
  @Mixin BundleOption bundle;

  @Option(names = "--subjects", required = true, paramLabel = "FILE",
      description = "The subjects file (YAML or JSON): one row per subject.")
  Path subjects;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "The HTML page to write; replaced as a whole, never left half written.")
  Path out;

  @Option(names = "--at", paramLabel = "TIME", converter = InstantConverter.class,
      description = "Decide at this instant: a date, read as 00:00 UTC, or a timestamp with Z or an offset, "
          + "like 2026-11-24T10:00:00Z (default: now).")
  @Nullable Instant at;

  @Option(names = "--purpose", paramLabel = "PURPOSE",
      description = "Decide every subject for this purpose (default: each subject's purpose in the subjects "
          + "file, or none).")
  @Nullable String purpose;

  @Mixin OpaConnectionOptions opa;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // one instant for every decision, so the whole page describes the same moment
    Instant decidedAt = at != null ? at : Instant.now().truncatedTo(ChronoUnit.SECONDS);
    GovernanceEngine.Builder builder = GovernanceEngine.builder().bundle(bundle.directory());
    opa.settings(System.getenv()).ifPresent(builder::opa);
    String page;
    int productCount;
    int subjectCount;
    try (GovernanceEngine engine = builder.build()) {
      if (purpose != null && !engine.vocabulary().allowsPurpose(purpose)) {
        // checked here, once: the engine would name the first request it rejects, which the user never wrote
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: --purpose: '" + purpose + "' is not declared in the bundle's vocabulary.purposes; use one of: "
            + String.join(", ", engine.vocabulary().purposes()));
        err.flush();
        return GovernanceCli.BAD_INPUT;
      }
      SubjectDirectory directory = SubjectDirectory.load(subjects, engine.vocabulary());
      AccessMap map = AccessMap.decide(engine, directory, subjects.toString(), decidedAt, purpose);
      page = AccessMapHtml.render(map);
      productCount = map.products().size();
      subjectCount = map.readers().size();
    }
    try {
      AtomicFile.write(out, page);
    } catch (IOException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("error: cannot write " + out + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
      err.flush();
      return GovernanceCli.BAD_INPUT;
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("report: " + productCount + " products × " + subjectCount + " subjects → " + out);
    stdout.flush();
    return GovernanceCli.OK;
  }
}
