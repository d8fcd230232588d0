package io.meshgov.sql.it.trino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes the {@link GovernedTrino} of the test run, started once by the first class
 * that needs it and closed when the run ends. Without a JDK that runs Trino, its tests are
 * skipped with the reason, as {@link TrinoExtension}'s are.
 */
public final class GovernedTrinoExtension implements ExecutionCondition, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GovernedTrinoExtension.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<Path> javaHome = JdkLocator.locateFromEnvironment();
    return javaHome.isPresent()
        ? ConditionEvaluationResult.enabled("a JDK for Trino: " + javaHome.get())
        : ConditionEvaluationResult.disabled("Trino tests SKIPPED: no JDK " + JdkLocator.MINIMUM_FEATURE_VERSION
            + " or newer for Trino (set " + JdkLocator.OVERRIDE_NAME + ")");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == GovernedTrino.class;
  }

  @Override
  public GovernedTrino resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(GovernedTrino.class, key -> {
      try {
        Path work = Path.of(System.getProperty(TrinoRun.WORK_PROPERTY)).resolveSibling("governed-trino-run");
        return GovernedTrino.start(Path.of(System.getProperty(TrinoRun.HOME_PROPERTY)),
            JdkLocator.locateFromEnvironment().orElseThrow(), work,
            Path.of(System.getProperty("meshgov.policies")), Path.of(System.getProperty("meshgov.samples"), "subjects.yaml"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, GovernedTrino.class);
  }
}
