package io.meshgov.cli;

import io.meshgov.api.Problem;
import io.meshgov.engine.GovernanceEngine;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    modelTransformer = BundleOption.OrBareDirectory.class,
    description = {"Validate a policy bundle: one file:line:col: message line per problem on stderr, "
        + "then a summary line on stdout.",
        "Exit 0 when valid (warnings allowed), 1 when there is an error.",
        "Without an OPA URL (--opa-url or $MESHGOV_OPA_URL), each OPA-backed policy set gets a warning."})
final class ValidateCommand implements Callable<Integer> {
  @Mixin BundleOption bundle;

  @Mixin OpaUrlOption opa;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GovernanceEngine.Builder builder = GovernanceEngine.builder().bundle(bundle.directory());
    opa.settings(System.getenv()).ifPresent(builder::opa);
    List<Problem> problems = builder.validate();
    long errors = problems.stream().filter(Problem::isError).count();
    // problems go to stderr, as decide's do, so every command reports them the same way
    for (Problem problem : problems) {
      err.println(problem.format());
    }
    err.flush();
    long warnings = problems.size() - errors;
    out.println(errors == 0 ? "valid: " + bundle.directory() + " (" + warnings + " warning(s))"
        : "invalid: " + errors + " error(s), " + warnings + " warning(s)");
    out.flush();
    return errors == 0 ? GovernanceCli.OK : GovernanceCli.FAILED;
  }
}
