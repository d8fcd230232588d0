package io.meshgov.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code governance} command. Exit codes: 0 success (a deny is a success), 1 validation or
 * test failures, 2 a bad bundle, request or usage, 3 a denied {@code sql} request.
 */
@Command(
    name = "governance",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = "Decide, explain, validate and test meshgov policy bundles; render decisions as SQL; show what OPA-backed sets are sent; serve decisions over HTTP; show a change's impact, the rules of a product, who may read what and who read what.",
    subcommands = {DecideCommand.class, ExplainCommand.class, ValidateCommand.class, TestCommand.class,
        OpaInputCommand.class, SqlCommand.class, ImpactCommand.class, ServeCommand.class, RulesCommand.class,
        AuditCommand.class, ReportCommand.class, RetentionCommand.class})
public final class GovernanceCli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;
  static final int DENIED = 3;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The command line with the project's exit-code and error handling; tests call {@code execute} on it. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new GovernanceCli());
    commandLine.setExecutionExceptionHandler(new Failures());
    CommandLine.IParameterExceptionHandler usage = commandLine.getParameterExceptionHandler();
    commandLine.setParameterExceptionHandler(
        (e, args) -> usage.handleParseException(BundleOption.OrBareDirectory.clarify(e), args));
    return commandLine;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      // from governance.jar's manifest; classes run from a build directory have none, and say
      // "dev" as the OPA client's User-Agent does, rather than a hard-coded version that goes stale
      String version = GovernanceCli.class.getPackage().getImplementationVersion();
      return new String[] {"meshgov " + (version == null ? "dev" : version)};
    }
  }
}
