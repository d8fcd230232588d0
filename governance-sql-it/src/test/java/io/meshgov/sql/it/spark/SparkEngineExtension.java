package io.meshgov.sql.it.spark;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link SparkEngine} parameter. The Spark session behind it is started on first use
 * and kept in the root store, so all test classes of the run share it; JUnit closes it, stopping
 * Spark, when the run ends.
 */
public final class SparkEngineExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SparkEngineExtension.class);

  /** Surefire sets it to a folder under target/; elsewhere (an IDE) the working directory's target/. */
  private static final String WORK_DIRECTORY_PROPERTY = "meshgov.spark.dir";

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SparkEngine.class;
  }

  @Override
  public SparkEngine resolveParameter(ParameterContext parameter, ExtensionContext context) {
    SparkSessions sessions =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                SparkSessions.class, key -> SparkSessions.start(workDirectory()), SparkSessions.class);
    return new SparkEngine(sessions.session());
  }

  private static Path workDirectory() {
    return Path.of(System.getProperty(WORK_DIRECTORY_PROPERTY, "target/spark")).toAbsolutePath();
  }
}
