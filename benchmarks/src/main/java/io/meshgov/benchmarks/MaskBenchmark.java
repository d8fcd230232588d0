package io.meshgov.benchmarks;

import io.meshgov.api.ColumnType;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import io.meshgov.engine.mask.MaskFunction;
import io.meshgov.engine.mask.Masks;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One compiled mask function applied to one value: what an embedding service pays per masked cell.
 * The function is compiled once in {@link #setUp}, as services should; the values rotate through a
 * small array so that the JIT cannot fold the result.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MaskBenchmark {
  private static final int VALUES = 8;

  /** {@code partial}, {@code email}, {@code hash} and {@code redact} on strings; {@code year} on dates and timestamps. */
  @Param({"partial", "email", "hash", "redact", "year-date", "year-timestamp"})
  public String method;

  private MaskFunction function;
  private Object[] values;
  private int next;

  @Setup
  public void setUp() {
    values = new Object[VALUES];
    for (int i = 0; i < VALUES; i++) {
      values[i] = switch (method) {
        case "partial" -> "4111 1111 1111 " + (1000 + i);
        case "email", "hash", "redact" -> "customer" + i + "@example.com";
        case "year-date" -> LocalDate.of(2020 + i, 1 + i, 10 + i);
        case "year-timestamp" -> Instant.parse("2026-11-24T10:00:00Z").plusSeconds(86_400L * 37 * i);
        default -> throw new IllegalArgumentException("unknown method " + method);
      };
    }
    function = switch (method) {
      case "partial" -> Masks.compile(
          new Mask(MaskMethod.PARTIAL, Map.of("showFirst", 0, "showLast", 4, "maskChar", "*")), ColumnType.STRING);
      case "email" -> Masks.compile(Mask.of(MaskMethod.EMAIL), ColumnType.STRING);
      case "hash" -> Masks.compile(new Mask(MaskMethod.HASH, Map.of("salt", "pepper")), ColumnType.STRING);
      case "redact" -> Masks.compile(Mask.of(MaskMethod.REDACT), ColumnType.STRING);
      case "year-date" -> Masks.compile(Mask.of(MaskMethod.YEAR), ColumnType.DATE);
      default -> Masks.compile(Mask.of(MaskMethod.YEAR), ColumnType.TIMESTAMP);
    };
  }

  @Benchmark
  public Object apply() {
    Object value = values[next];
    next = (next + 1) & (VALUES - 1);
    return function.apply(value);
  }
}
