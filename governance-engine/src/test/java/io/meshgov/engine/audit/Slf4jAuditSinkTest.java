package io.meshgov.engine.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgov.api.AuditException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class Slf4jAuditSinkTest {

  @Test
  void create_default_usesLoggerMeshgovAudit() {
    assertEquals("meshgov.audit", Slf4jAuditSink.create().loggerName());
  }

  @Test
  void create_named_usesThatLogger() {
    assertEquals("acme.audit", Slf4jAuditSink.create("acme.audit").loggerName());
  }

  @Test
  void create_blankName_throws() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Slf4jAuditSink.create(" "));
    assertEquals("loggerName must not be blank", e.getMessage());
  }

  @Test
  void record_infoEnabled_logsJsonLineAtInfo() {
    RecordingLogger logger = new RecordingLogger(true);
    Slf4jAuditSink sink = Slf4jAuditSink.create(logger.proxy());

    sink.record(SampleRecords.permit());

    assertEquals(List.of("info(" + SampleRecords.PERMIT_LINE + ")"), logger.calls);
  }

  @Test
  void record_infoDisabled_throwsInsteadOfDropping() {
    RecordingLogger logger = new RecordingLogger(false);
    Slf4jAuditSink sink = Slf4jAuditSink.create(logger.proxy());

    AuditException e =
        assertThrows(AuditException.class, () -> sink.record(SampleRecords.permit()));

    assertEquals(
        "cannot log audit record d-1: logger 'test.audit' has INFO disabled, so the record would"
            + " be lost; enable INFO for 'test.audit' or use another audit sink",
        e.getMessage());
    assertEquals(List.of(), logger.calls);
  }

  @Test
  void record_afterClose_throws() {
    RecordingLogger logger = new RecordingLogger(true);
    Slf4jAuditSink sink = Slf4jAuditSink.create(logger.proxy());
    sink.close();
    sink.close();

    AuditException e =
        assertThrows(AuditException.class, () -> sink.record(SampleRecords.permit()));

    assertEquals(
        "cannot log audit record d-1 to logger 'test.audit': the sink is closed", e.getMessage());
    assertEquals(List.of(), logger.calls);
  }

  @Test
  void record_slf4jSimple_printsJsonLineToStderr() {
    // slf4j-simple (test classpath) looks up System.err on every message unless told to cache it.
    Slf4jAuditSink sink = Slf4jAuditSink.create();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, UTF_8));
    try {
      sink.record(SampleRecords.permit());
    } finally {
      System.setErr(original);
    }

    assertEquals(
        "[" + Thread.currentThread().getName() + "] INFO meshgov.audit - "
            + SampleRecords.PERMIT_LINE + System.lineSeparator(),
        captured.toString(UTF_8));
  }

  /** A Logger that records info(String) calls; built as a proxy to avoid a mocking library. */
  private static final class RecordingLogger {
    final List<String> calls = new ArrayList<>();
    private final boolean infoEnabled;

    RecordingLogger(boolean infoEnabled) {
      this.infoEnabled = infoEnabled;
    }

    Logger proxy() {
      return (Logger)
          Proxy.newProxyInstance(
              Logger.class.getClassLoader(),
              new Class<?>[] {Logger.class},
              (proxy, method, args) -> {
                switch (method.getName()) {
                  case "getName":
                    return "test.audit";
                  case "isInfoEnabled":
                    return infoEnabled;
                  case "info":
                    if (args.length == 1 && args[0] instanceof String) {
                      calls.add("info(" + args[0] + ")");
                      return null;
                    }
                    break;
                  default:
                    break;
                }
                throw new AssertionError("unexpected Logger call: " + method);
              });
    }
  }
}
