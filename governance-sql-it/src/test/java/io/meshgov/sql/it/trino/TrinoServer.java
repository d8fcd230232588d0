package io.meshgov.sql.it.trino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Trino coordinator process, started from the installation the build unpacked and configured
 * from files written at run time: a single node that also runs the queries, the memory connector
 * as catalog {@code memory}, a small heap, and HTTP on a free port of the loopback interface only.
 *
 * <p>{@link #close} stops it; a shutdown hook stops it too if the test JVM exits without closing
 * it, so no run leaves a Trino process behind.
 */
final class TrinoServer implements AutoCloseable {
  static final Duration STARTUP_DEADLINE = Duration.ofSeconds(180);

  private static final Pattern STARTED = Pattern.compile("\"starting\"\\s*:\\s*false");
  private static final int LOG_TAIL_LINES = 60;

  private final Process process;
  private final int port;
  private final Path log;
  private final Duration startupTime;
  private final Thread shutdownHook;

  private TrinoServer(Process process, int port, Path log, Duration startupTime, Thread shutdownHook) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.startupTime = startupTime;
    this.shutdownHook = shutdownHook;
  }

  /**
   * Starts Trino from {@code trinoHome} (an unpacked {@code trino-server} with {@code bin/} and
   * {@code lib/}, and its plugins under {@code plugin/}) on the JDK at {@code javaHome}, with its
   * configuration, data and log under {@code workDirectory} (emptied first), and waits until it
   * accepts queries.
   *
   * @throws IllegalStateException if it does not start within {@link #STARTUP_DEADLINE}; the
   *     message holds the tail of Trino's log
   */
  static TrinoServer start(Path trinoHome, Path javaHome, Path workDirectory) throws IOException {
    return start(trinoHome, javaHome, workDirectory, Map.of());
  }

  /**
   * As {@link #start(Path, Path, Path)}, with more files in {@code etc/}: their names and lines
   * (an {@code access-control.properties}, say).
   */
  static TrinoServer start(Path trinoHome, Path javaHome, Path workDirectory, Map<String, List<String>> moreEtcFiles)
      throws IOException {
    Path launcher = trinoHome.resolve("bin").resolve("launcher");
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException(
          "no Trino installation at " + trinoHome + ": the build unpacks it in the"
              + " generate-test-resources phase (mvn -pl governance-sql-it -am verify)");
    }
    // Trino loads every plugin under plugin/, so the OPA plugin must be whole before any start
    TrinoOpaPlugin.complete(trinoHome);
    deleteRecursively(workDirectory);
    Path etc = Files.createDirectories(workDirectory.resolve("etc"));
    Path data = Files.createDirectories(workDirectory.resolve("data"));
    int port = freeLoopbackPort();
    writeConfiguration(etc, data, port);
    for (Map.Entry<String, List<String>> file : moreEtcFiles.entrySet()) {
      Files.write(etc.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
    }

    Path log = workDirectory.resolve("trino.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                launcher.toString(), "run", "--etc-dir=" + etc, "--data-dir=" + data)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", javaHome.toString());
    long startNanos = System.nanoTime();
    // the launcher replaces itself with Trino's JVM (exec), so this process is Trino itself
    Process process = builder.start();
    Thread shutdownHook = new Thread(() -> stop(process), "stop-trino");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      awaitStarted(process, port, log, startNanos);
    } catch (RuntimeException | Error e) {
      stop(process);
      removeShutdownHook(shutdownHook);
      throw e;
    }
    return new TrinoServer(
        process, port, log, Duration.ofNanos(System.nanoTime() - startNanos), shutdownHook);
  }

  /** The JDBC URL of this server, as user {@code meshgov}. */
  String jdbcUrl() {
    return jdbcUrl("meshgov");
  }

  /** The JDBC URL of this server, as {@code user}. */
  String jdbcUrl(String user) {
    return "jdbc:trino://127.0.0.1:" + port + "?user=" + user;
  }

  /** From starting the launcher to the first {@code "starting":false} of {@code /v1/info}. */
  Duration startupTime() {
    return startupTime;
  }

  Path log() {
    return log;
  }

  @Override
  public void close() {
    stop(process);
    removeShutdownHook(shutdownHook);
  }

  private static void writeConfiguration(Path etc, Path data, int port) throws IOException {
    write(
        etc.resolve("node.properties"),
        "node.environment=test",
        "node.data-dir=" + data,
        // bind and announce on loopback only: nothing outside this machine may reach the server
        "node.bind-ip=127.0.0.1",
        "node.internal-address=127.0.0.1");
    write(
        etc.resolve("jvm.config"),
        // Trino's recommended options (core/docker/default/etc/jvm.config of Trino 476), with a
        // heap and code cache sized for a 2-core CI machine that also runs the build
        "-server",
        "-Xmx1G",
        "-XX:G1HeapRegionSize=32M",
        "-XX:+ExplicitGCInvokesConcurrent",
        "-XX:+ExitOnOutOfMemoryError",
        "-XX:-OmitStackTraceInFastThrow",
        "-XX:ReservedCodeCacheSize=256M",
        "-XX:PerMethodRecompilationCutoff=10000",
        "-XX:PerBytecodeRecompilationCutoff=10000",
        "-Djdk.attach.allowAttachSelf=true",
        "-Djdk.nio.maxCachedBufferSize=2000000",
        "-XX:+EnableDynamicAgentLoading",
        "-XX:+UnlockDiagnosticVMOptions",
        "-XX:G1NumCollectionsKeepPinned=10000000",
        // C1 only: the tests' queries are tiny, and on 2 cores the C2 compiler threads compete
        // with startup; this took startup from 13-19 s to 7-11 s
        "-XX:TieredStopAtLevel=1",
        // JNA (in lib/) loads native code; Java 24+ warns about that on every start without this
        "--enable-native-access=ALL-UNNAMED");
    write(
        etc.resolve("config.properties"),
        "coordinator=true",
        "node-scheduler.include-coordinator=true",
        "http-server.http.port=" + port,
        "discovery.uri=http://127.0.0.1:" + port,
        "query.max-memory=256MB",
        "query.max-memory-per-node=256MB");
    write(etc.resolve("log.properties"), "io.trino=INFO");
    Path catalogs = Files.createDirectories(etc.resolve("catalog"));
    write(catalogs.resolve("memory.properties"), "connector.name=memory");
  }

  private static void write(Path file, String... lines) throws IOException {
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
  }

  /**
   * A port that was free a moment ago. Trino binds it itself, so another process could take it in
   * between; Trino then exits at once and {@link #awaitStarted} reports its log.
   */
  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void awaitStarted(Process process, int port, Path log, long startNanos) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest info =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = startNanos + STARTUP_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Trino exited with status " + process.exitValue() + " while starting; " + logTail(log));
      }
      try {
        HttpResponse<String> response = client.send(info, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && STARTED.matcher(response.body()).find()) {
          return;
        }
      } catch (IOException notListeningYet) {
        // the HTTP server opens its port only part of the way through startup
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Trino to start", e);
      }
      sleep(Duration.ofMillis(250));
    }
    throw new IllegalStateException(
        "Trino did not start within " + STARTUP_DEADLINE.toSeconds() + " s; " + logTail(log));
  }

  private static String logTail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      return "the last lines of " + log + ":\n" + String.join("\n", tail);
    } catch (IOException | UncheckedIOException e) {
      return "its log " + log + " is unreadable: " + e;
    }
  }

  /** Asks Trino to stop (SIGTERM runs its own shutdown), and kills it if it takes too long. */
  private static void stop(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException jvmAlreadyShuttingDown) {
      // the hook runs (or ran) anyway, and stopping twice is harmless
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Trino to start", e);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      // children before parents; the data directory holds symbolic links into the installation,
      // which Files.delete removes without following
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
