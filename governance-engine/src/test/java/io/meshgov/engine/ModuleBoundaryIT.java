package io.meshgov.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine jar as a user on the module path meets it: a small program of its own module compiles
 * against the exported packages and decides a request against the shipped bundle; the same program
 * reaching into a stage package does not compile. Runs after {@code package}, on the built jar.
 *
 * <p>Jars that are modules (or name themselves) go on the module path; CEL-Java and its
 * dependencies, which split packages across jars, stay on the class path, read through {@code
 * --add-reads io.meshgov.engine=ALL-UNNAMED}, as docs/embedding.md tells users to do.
 */
class ModuleBoundaryIT {
  /** Jars the engine's module-info requires, directly or transitively, by file name. */
  private static final Pattern MODULE_PATH_JAR = Pattern.compile(
      "(governance-api|jackson-(core|databind|annotations)|caffeine|okhttp-jvm|okio-jvm|kotlin-stdlib"
          + "|slf4j-api|snakeyaml|jspecify)-[0-9].*\\.jar");

  private static final String MODULE_INFO = "module consumer { requires io.meshgov.engine; }\n";

  private static final String DECIDING_PROGRAM = """
      package consumer;

      import io.meshgov.api.AccessRequest;
      import io.meshgov.api.Decision;
      import io.meshgov.api.Subject;
      import io.meshgov.engine.GovernanceEngine;
      import io.meshgov.engine.audit.InMemoryAuditSink;
      import java.nio.file.Path;
      import java.time.Instant;
      import java.util.List;
      import java.util.Map;

      public final class Main {
        public static void main(String[] args) {
          InMemoryAuditSink audit = new InMemoryAuditSink();
          try (GovernanceEngine engine = GovernanceEngine.builder().bundle(Path.of(args[0])).auditSink(audit).build()) {
            Decision decision = engine.decide(AccessRequest.builder()
                .subject(new Subject("alice", List.of("employees", "finance"), List.of("analyst"), Map.of("region", "EU")))
                .product("finance.invoice_payments")
                .columns("invoice_id", "customer_email")
                .purpose("reporting")
                .at(Instant.parse("2026-11-24T10:00:00Z"))
                .build());
            System.out.println(decision.effect().wireName() + " " + decision.columns().get(1).effect().wireName()
                + " " + audit.records().size());
          }
        }
      }
      """;

  private static final String REACHING_PROGRAM = """
      package consumer;

      import io.meshgov.engine.internal.evaluate.Evaluator;

      public final class Main {
        public static void main(String[] args) {
          System.out.println(Evaluator.class);
        }
      }
      """;

  private static String modulePath;
  private static String classPath;

  @TempDir Path temp;

  @BeforeAll
  static void splitTheClassPath() {
    String engineJar = System.getProperty("meshgov.engineJar");
    assertNotNull(engineJar, "system property meshgov.engineJar must name the built engine jar");
    assertTrue(Files.isRegularFile(Path.of(engineJar)), engineJar + " is not built");
    List<String> modules = new ArrayList<>(List.of(engineJar));
    List<String> others = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (MODULE_PATH_JAR.matcher(name).matches()) {
        modules.add(entry);
      } else if (name.endsWith(".jar") && !entry.equals(engineJar)) {
        others.add(entry);
      }
    }
    modulePath = String.join(File.pathSeparator, modules);
    classPath = String.join(File.pathSeparator, others);
  }

  @Test
  void consumerModule_exportedPackagesOnly_compilesAndDecides() throws Exception {
    Path classes = compile(DECIDING_PROGRAM);
    String policies = System.getProperty("meshgov.policies");

    Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", modulePath + File.pathSeparator + classes,
        "--class-path", classPath,
        "--add-reads", "io.meshgov.engine=ALL-UNNAMED",
        "--add-modules", "ALL-MODULE-PATH",
        "--module", "consumer/consumer.Main", policies)
        .redirectErrorStream(true).start();
    // a guard against a hung JVM, not a measurement
    assertTrue(java.waitFor(2, TimeUnit.MINUTES), "the consumer JVM did not finish");
    String output = new String(java.getInputStream().readAllBytes(), UTF_8).strip();

    assertEquals(0, java.exitValue(), output);
    assertEquals("permit mask 1", output);
  }

  @Test
  void consumerModule_reachingIntoAStage_doesNotCompile() throws IOException {
    StringWriter diagnostics = new StringWriter();
    boolean compiled = compile(REACHING_PROGRAM, temp.resolve("reaching"), diagnostics);

    assertFalse(compiled, "a consumer module compiled against a stage package");
    assertTrue(diagnostics.toString().contains(
        "package io.meshgov.engine.internal.evaluate is declared in module io.meshgov.engine, which does not export it"),
        diagnostics.toString());
  }

  private Path compile(String program) throws IOException {
    Path out = temp.resolve("consumer");
    StringWriter diagnostics = new StringWriter();
    assertTrue(compile(program, out, diagnostics), diagnostics.toString());
    return out.resolve("classes");
  }

  private boolean compile(String program, Path root, StringWriter diagnostics) throws IOException {
    Path sources = root.resolve("src");
    Files.createDirectories(sources.resolve("consumer"));
    Files.writeString(sources.resolve("module-info.java"), MODULE_INFO);
    Files.writeString(sources.resolve("consumer/Main.java"), program);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    // an explicit, empty class path: in process, javac would otherwise see this test's class path
    int exit = javac.run(null, messages, messages, "--release", "17", "--module-path", modulePath,
        "--class-path", root.toString(),
        "-d", root.resolve("classes").toString(),
        sources.resolve("module-info.java").toString(), sources.resolve("consumer/Main.java").toString());
    diagnostics.write(messages.toString(UTF_8));
    return exit == 0;
  }
}
