package io.meshgov.cli;

import io.meshgov.api.AuditException;
import io.meshgov.api.GovernanceException;
import io.meshgov.api.Problem;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Maps exceptions to exit codes and prints problems, never a stack trace for bad input. */
final class Failures implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof GovernanceException governance) {
      for (Problem problem : governance.problems()) {
        err.println(problem.format());
      }
      err.flush();
      return GovernanceCli.BAD_INPUT;
    }
    if (e instanceof AuditException) {
      err.println("error: " + e.getMessage());
      err.flush();
      return GovernanceCli.BAD_INPUT;
    }
    if (e instanceof IllegalArgumentException) {
      // a setting that cannot be used: an OPA URL, token file or certificate file
      err.println("error: " + e.getMessage());
      err.flush();
      return GovernanceCli.BAD_INPUT;
    }
    err.println("error: " + e);
    e.printStackTrace(err);
    err.flush();
    return GovernanceCli.BAD_INPUT;
  }
}
