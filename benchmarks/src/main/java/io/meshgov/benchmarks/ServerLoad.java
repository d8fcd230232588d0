package io.meshgov.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load generator for {@code governance serve}: a fixed number of requests, a fixed
 * number of workers each waiting for its answer before sending the next (closed loop, so the
 * server is never asked more than it answers), on loopback. Prints requests per second and the
 * latency percentiles of the measured part; the first tenth of the requests warms up and is not
 * measured. No dependency but the JDK: run it as a single source file.
 *
 * <pre>
 * java benchmarks/src/main/java/io/meshgov/benchmarks/ServerLoad.java \
 *     http://127.0.0.1:8181/v1/decide samples/requests/alice-invoices.json 20000 4
 * </pre>
 */
public final class ServerLoad {
  private ServerLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: ServerLoad URL BODY_FILE REQUESTS WORKERS");
      System.exit(2);
    }
    URI url = URI.create(args[0]);
    String body = Files.readString(Path.of(args[1]));
    int requests = Integer.parseInt(args[2]);
    int workers = Integer.parseInt(args[3]);
    int warmup = requests / 10;

    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();

    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    long[] latencies = new long[requests];
    long[] measuredStart = new long[1];
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      running.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
          if (i == warmup) {
            measuredStart[0] = System.nanoTime();
          }
          long start = System.nanoTime();
          try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
              failures.incrementAndGet();
            }
          } catch (IOException e) {
            failures.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          latencies[i] = System.nanoTime() - start;
        }
      }));
    }
    for (Future<?> worker : running) {
      worker.get();
    }
    long elapsed = System.nanoTime() - measuredStart[0];
    pool.shutdown();

    long[] measured = Arrays.copyOfRange(latencies, warmup, requests);
    Arrays.sort(measured);
    System.out.printf(Locale.ROOT, "%d requests (%d warm-up not counted), %d workers, %d failed%n",
        requests, warmup, workers, failures.get());
    System.out.printf(Locale.ROOT, "throughput: %.0f requests/s%n", measured.length / (elapsed / 1e9));
    System.out.printf(Locale.ROOT, "latency ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f%n",
        percentile(measured, 0.50), percentile(measured, 0.90), percentile(measured, 0.99),
        measured[measured.length - 1] / 1e6);
  }

  private static double percentile(long[] sorted, double fraction) {
    int index = (int) Math.ceil(fraction * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
  }
}
