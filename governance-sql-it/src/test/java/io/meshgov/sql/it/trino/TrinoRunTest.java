package io.meshgov.sql.it.trino;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** Without a JDK that runs Trino, the Trino tests are skipped, loudly, and nothing starts. */
class TrinoRunTest {
  @TempDir Path directory;

  @Test
  void skipsLoudlyWithoutAJdkOf24OrNewer() throws IOException {
    Path jvmRoot = Files.createDirectories(directory.resolve("jvm"));
    Path java17 = Files.createDirectories(jvmRoot.resolve("java-17-openjdk-amd64").resolve("bin"));
    Files.writeString(java17.resolve("java"), "#!/bin/sh\nexit 1\n");
    Files.setPosixFilePermissions(java17.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(java17.getParent().resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
    Path work = directory.resolve("work");

    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    TrinoRun run;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      run = TrinoRun.start(JdkLocator.locate(Optional.empty(), jvmRoot), directory.resolve("no-trino"), work);
    } finally {
      System.setErr(originalErr);
    }

    String printed = stderr.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Trino tests SKIPPED") && printed.contains("Java 24"), printed);
    String reason = run.skipReason().orElseThrow();
    assertTrue(reason.contains(JdkLocator.OVERRIDE_NAME) && printed.contains(reason), reason);
    TestAbortedException skipped = assertThrows(TestAbortedException.class, run::requireAvailable);
    assertTrue(skipped.getMessage().contains(reason), skipped.getMessage());
    assertThrows(TestAbortedException.class, run::server);
    assertFalse(Files.exists(work), "nothing was started");
  }

  @Test
  void failsWhenTrinoIsNotUnpacked() {
    TrinoRun run =
        TrinoRun.start(Optional.of(directory), directory.resolve("no-trino"), directory.resolve("work"));

    assertTrue(run.skipReason().isEmpty(), "a JDK exists, so nothing is skipped");
    IllegalStateException failure = assertThrows(IllegalStateException.class, run::requireAvailable);
    assertTrue(failure.getMessage().contains("no Trino installation"), failure.getMessage());
  }
}
