package io.meshgov.sql.it.trino;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes a {@link TrinoEngine} on the one Trino server of the test run, which the
 * first class that needs it starts. The server lives in the root context's store, so JUnit stops
 * it when the whole run ends, not when a class does.
 *
 * <p>Without a JDK that runs Trino, every test of the class is skipped with the reason. That is an
 * execution condition rather than an assumption failing in {@code beforeAll}: Surefire counts a
 * class aborted there as zero tests run, so the skip would pass unnoticed, while it reports each
 * test of a disabled class as skipped. If Trino failed to start, every class fails with the cause.
 */
public final class TrinoExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TrinoExtension.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return run(context)
        .skipReason()
        .map(ConditionEvaluationResult::disabled)
        .orElseGet(() -> ConditionEvaluationResult.enabled("a JDK for Trino exists"));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    run(context).requireAvailable();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TrinoEngine.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return new TrinoEngine(run(context).server().jdbcUrl());
  }

  private static TrinoRun run(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(TrinoRun.class, key -> TrinoRun.startAsBuildConfigured(), TrinoRun.class);
  }
}
