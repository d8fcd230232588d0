package io.meshgov.sql.it.trino;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes a {@link TrinoEngine} on the one Trino server of the test run, which the
 * first class that needs it starts. The server lives in the root context's store, so JUnit stops
 * it when the whole run ends, not when a class does; classes run while Trino is unavailable are
 * skipped or failed as {@link TrinoRun#requireAvailable} says, before any of their tests.
 */
public final class TrinoExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TrinoExtension.class);

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
