package io.meshgov.sql.it.postgresql;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link PostgresEngine} on the one PostgreSQL server of the test run, or the
 * {@link EmbeddedPostgresServer} itself, for tests that open their own sessions.
 *
 * <p>The server and the engine's session live in the root context's store, so every test class
 * in the JVM shares them and JUnit closes them (they are AutoCloseable) when the run ends.
 */
public final class PostgresExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == PostgresEngine.class || type == EmbeddedPostgresServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    ExtensionContext.Store runWide = extensionContext.getRoot().getStore(NAMESPACE);
    EmbeddedPostgresServer server = runWide.getOrComputeIfAbsent(
        EmbeddedPostgresServer.class, key -> EmbeddedPostgresServer.start(), EmbeddedPostgresServer.class);
    if (parameterContext.getParameter().getType() == EmbeddedPostgresServer.class) {
      return server;
    }
    return runWide.getOrComputeIfAbsent(
        PostgresEngine.class, key -> new PostgresEngine(server.openSession()), PostgresEngine.class);
  }
}
