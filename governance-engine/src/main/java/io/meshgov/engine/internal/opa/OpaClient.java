package io.meshgov.engine.internal.opa;

import io.meshgov.api.LoadLimits;
import io.meshgov.api.OpaSettings;
import io.meshgov.api.Problem;
import io.meshgov.engine.internal.load.JsonSourceReader;
import io.meshgov.engine.internal.load.SourceNode.MapNode;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.load.SourceNode;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Calls OPA's Data API: {@code POST <base>/v1/data/<path>} with {@code {"input": …}}, reading back
 * {@code {"result": …, "decision_id": …}}; a missing {@code result} is an undefined document. Each
 * call is bounded by a deadline shared by its attempts; an attempt is retried only after failures
 * that cannot have been evaluated. Thread-safe; one OkHttp client and connection pool per engine.
 */
final class OpaClient implements AutoCloseable {
  /** What a call gives: an {@link Answer} or a {@link Failure}. */
  sealed interface Outcome permits Answer, Failure {}

  /** OPA's answer: its decision id if it sent one, and the result, null when undefined. */
  record Answer(@Nullable String decisionId, @Nullable SourceNode result) implements Outcome {}

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final long MAX_BODY_BYTES = 1 << 20;
  private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final String USER_AGENT = "meshgov/" + version();
  private static final com.fasterxml.jackson.databind.ObjectMapper ERROR_BODIES =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final OpaSettings settings;
  private final OkHttpClient http;
  private final HttpUrl base;
  private final BearerToken token;
  private final JsonSourceReader json = new JsonSourceReader(LoadLimits.REQUESTS);
  private final LongAdder attempts = new LongAdder();

  /**
   * @throws IllegalArgumentException if the token file or the trusted certificates cannot be read
   */
  OpaClient(OpaSettings settings) {
    this.settings = settings;
    this.base = HttpUrl.get(settings.baseUrl().toString());
    this.token = BearerToken.of(settings);
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .writeTimeout(settings.readTimeout())
        // OkHttp's own retry only replaces a pooled connection the server closed meanwhile; ours,
        // bounded and within the deadline, handle the rest
        .retryOnConnectionFailure(true)
        .followRedirects(false)
        .connectionPool(new ConnectionPool(settings.maxIdleConnections(), settings.keepAlive().toNanos(),
            TimeUnit.NANOSECONDS));
    if (settings.trustedCertificates() != null) {
      X509TrustManager trust = trustManager(settings.trustedCertificates());
      builder.sslSocketFactory(sslContext(trust).getSocketFactory(), trust);
    }
    this.http = builder.build();
    warmUp();
  }

  /**
   * Makes one exchange with a throwaway server on the loopback interface of this process, never
   * with OPA. A cold JVM spends some 100 ms loading OkHttp's call, connection and codec classes
   * on its first call; without this, that time would eat into the first decision's deadline and a
   * one-shot CLI run could be denied for a timeout OPA did not cause. Failures are ignored: it
   * only warms.
   */
  private void warmUp() {
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(2_000);
      Thread responder = new Thread(() -> {
        try (java.net.Socket socket = server.accept()) {
          socket.setSoTimeout(2_000);
          socket.getInputStream().read(new byte[8192]);
          socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
              + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
        } catch (IOException e) {
          // the warm-up call fails too, which is fine
        }
      }, "meshgov-opa-warm-up");
      responder.setDaemon(true);
      responder.start();
      HttpUrl url = new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(server.getLocalPort())
          .addPathSegments("v1/data").build();
      Call call = http.newCall(new Request.Builder().url(url).post(RequestBody.create("{\"input\":{}}", JSON)).build());
      call.timeout().timeout(2, TimeUnit.SECONDS);
      try (Response response = call.execute()) {
        read(response.body());
      }
      json.read("warm-up", "{\"result\":{}}", new ProblemSink());
    } catch (IOException | RuntimeException e) {
      // nothing to warm, or a sandbox without loopback sockets: the first call is slower, that is all
    }
  }

  /** The URL a policy set's path is posted to. */
  HttpUrl url(String path) {
    return base.newBuilder().addPathSegment("v1").addPathSegment("data").addPathSegments(path).build();
  }

  long attempts() {
    return attempts.sum();
  }

  /**
   * Posts {@code body} to the set's path until an answer, a failure that is not retryable, the
   * last attempt or the deadline (on the settings' ticker), whichever comes first. Each attempt's
   * HTTP call is bounded by what remains of the deadline.
   *
   */
  Outcome post(String path, String body, long deadlineNanos) {
    Request request = request(url(path), body);
    Failure failure = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      long remaining = deadlineNanos - settings.ticker().getAsLong();
      if (remaining <= 0) {
        return failure != null ? failure : timeout();
      }
      Outcome outcome = attempt(request, remaining);
      if (outcome instanceof Answer) {
        return outcome;
      }
      failure = (Failure) outcome;
      if (!failure.kind().retryable() || deadlineNanos - settings.ticker().getAsLong() <= 2 * RETRY_PAUSE_NANOS) {
        return failure;
      }
      if (attempt < settings.maxAttempts()) {
        try {
          TimeUnit.NANOSECONDS.sleep(RETRY_PAUSE_NANOS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return failure;
        }
      }
    }
    return failure;
  }

  private Request request(HttpUrl url, String body) {
    Request.Builder request = new Request.Builder()
        .url(url)
        .post(RequestBody.create(body, JSON))
        .header("Accept", "application/json")
        .header("User-Agent", USER_AGENT);
    String bearer = token.current();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return request.build();
  }

  private Outcome attempt(Request request, long remainingNanos) {
    attempts.increment();
    Call call = http.newCall(request);
    call.timeout().timeout(remainingNanos, TimeUnit.NANOSECONDS);
    try (Response response = call.execute()) {
      String text = read(response.body());
      if (text == null) {
        return new Failure(Failure.Kind.MALFORMED, "OPA's answer is larger than " + MAX_BODY_BYTES + " bytes");
      }
      if (response.code() != 200) {
        return httpError(response.code(), text);
      }
      return answer(text);
    } catch (java.net.SocketTimeoutException e) {
      if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("connect")) {
        // nothing was sent, so another attempt is safe
        return new Failure(Failure.Kind.UNREACHABLE, "cannot connect to OPA at " + base + " within the connect timeout of "
            + millis(settings.connectTimeout().toNanos()));
      }
      return new Failure(Failure.Kind.TIMEOUT, "OPA did not answer within the read timeout of "
          + millis(settings.readTimeout().toNanos()));
    } catch (InterruptedIOException e) {
      // OkHttp reports the call deadline this way; so is an interrupt
      if (Thread.currentThread().isInterrupted()) {
        return new Failure(Failure.Kind.TIMEOUT, "interrupted while waiting for OPA");
      }
      return timeout();
    } catch (javax.net.ssl.SSLException e) {
      return new Failure(Failure.Kind.TLS, "cannot reach OPA at " + base + " securely: " + describe(e)
          + "; check the certificate OPA serves and --opa-ca-file (OpaSettings.trustedCertificates)");
    } catch (IOException e) {
      return new Failure(Failure.Kind.UNREACHABLE, "cannot reach OPA at " + base + ": " + describe(e));
    }
  }

  private Failure timeout() {
    return new Failure(Failure.Kind.TIMEOUT, "OPA did not answer within " + millis(settings.callTimeout().toNanos())
        + " (the call deadline)");
  }

  private static @Nullable String read(ResponseBody body) throws IOException {
    BufferedSource source = body.source();
    if (source.request(MAX_BODY_BYTES + 1)) {
      return null;
    }
    return source.readUtf8();
  }

  private Outcome answer(String text) {
    ProblemSink problems = new ProblemSink();
    SourceNode node = json.read("OPA response", text, problems);
    if (node == null || problems.hasErrors()) {
      return new Failure(Failure.Kind.MALFORMED, "OPA's answer is not valid JSON: " + firstProblem(problems));
    }
    if (!(node instanceof MapNode envelope)) {
      return new Failure(Failure.Kind.MALFORMED, "OPA's answer is " + node.describe() + ", not a JSON object");
    }
    // the envelope may carry metrics, provenance or warnings beside result and decision_id: not ours to judge
    SourceNode.Entry decisionId = envelope.entry("decision_id");
    String id = null;
    if (decisionId != null) {
      if (!(decisionId.value() instanceof Scalar scalar) || scalar.kind() != SourceNode.ScalarKind.STRING) {
        return new Failure(Failure.Kind.MALFORMED, "OPA's decision_id is " + decisionId.value().describe()
            + ", not a string");
      }
      id = scalar.text();
    }
    SourceNode.Entry result = envelope.entry("result");
    return new Answer(id, result == null ? null : result.value());
  }

  private static Failure httpError(int status, String text) {
    Failure.Kind kind = status == 429 || status == 502 || status == 503 || status == 504
        ? Failure.Kind.OVERLOADED : Failure.Kind.HTTP_ERROR;
    String code = null;
    String detail = shorten(text.strip());
    try {
      com.fasterxml.jackson.databind.JsonNode error = ERROR_BODIES.readTree(text);
      if (error != null && error.isObject() && error.hasNonNull("code")) {
        code = error.get("code").asText();
        String message = error.path("message").asText("");
        detail = shorten(code + (message.isEmpty() ? "" : ": " + message));
      }
    } catch (IOException e) {
      // not OPA's error shape (a proxy's page, say): the start of the body is the detail
    }
    String summary = kind.wireName() + " " + status
        + (code != null && OPA_ERROR_CODE.matcher(code).matches() ? " " + code : "");
    return new Failure(kind, "OPA answered HTTP " + status + (detail.isEmpty() ? "" : ": " + detail), summary);
  }

  /** OPA's error codes are a fixed vocabulary such as {@code internal_error}: safe to audit. */
  private static final java.util.regex.Pattern OPA_ERROR_CODE = java.util.regex.Pattern.compile("[a-z_]{1,40}");

  private static String shorten(String text) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
  }

  private static String firstProblem(ProblemSink problems) {
    for (Problem problem : problems.problems()) {
      if (problem.isError()) {
        return problem.line() + ":" + problem.column() + ": " + problem.message();
      }
    }
    return "empty body";
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }

  static String millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
  }

  private static X509TrustManager trustManager(Path pemFile) {
    try (InputStream in = Files.newInputStream(pemFile)) {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("no certificate in " + pemFile + "; give a PEM file of CA certificates");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("opa-ca-" + index++, certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JVM offers no X.509 trust manager");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read trusted certificates from " + pemFile + ": " + e.getMessage(), e);
    }
  }

  private static SSLContext sslContext(X509TrustManager trust) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static String version() {
    String version = OpaClient.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
