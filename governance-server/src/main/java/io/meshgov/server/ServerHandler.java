package io.meshgov.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request to its endpoint, and does what every route needs: the body size limit (413),
 * the per-request deadline (503), the read lock that keeps reloads out of a request, one access log
 * line and one count per request, and a JSON 500 for whatever an endpoint did not expect.
 */
final class ServerHandler extends Handler.Abstract {
  /** A route: the method it takes and its endpoint. */
  record Route(String method, Endpoint endpoint) {}

  private static final Logger LOG = LoggerFactory.getLogger(ServerHandler.class);

  private final Map<String, Route> routes;
  private final Route trino;
  private final long maxRequestBytes;
  private final Duration requestTimeout;
  private final ScheduledExecutorService deadlines;
  private final Lock readLock;
  private final ServerMetrics metrics;

  ServerHandler(Map<String, Route> routes, Route trino, long maxRequestBytes, Duration requestTimeout,
      ScheduledExecutorService deadlines, Lock readLock, ServerMetrics metrics) {
    this.routes = Map.copyOf(routes);
    this.trino = trino;
    this.maxRequestBytes = maxRequestBytes;
    this.requestTimeout = requestTimeout;
    this.deadlines = deadlines;
    this.readLock = readLock;
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange exchange = new Exchange(request, response, callback);
    String path = Request.getPathInContext(request);
    Route route = routes.get(path);
    if (route == null && path.startsWith(TrinoHandler.PREFIX)) {
      route = trino;
      exchange.label = TrinoHandler.route(path).map(known -> TrinoHandler.PREFIX + known.path()).orElse("unmatched");
    } else if (route != null) {
      exchange.label = path;
    }
    if (route == null) {
      exchange.reply(Reply.error(404, "no-route", "no route " + path));
      return true;
    }
    if (!route.method().equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, route.method());
      exchange.reply(Reply.error(405, "method-not-allowed", path + " takes " + route.method()));
      return true;
    }
    ScheduledFuture<?> deadline = deadlines.schedule(
        () -> exchange.reply(Reply.error(503, "request-timeout", "the request took longer than " + requestTimeout)),
        requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    try {
      byte[] body = route.method().equals("POST") ? readBody(request) : new byte[0];
      if (body == null) {
        exchange.reply(Reply.error(413, "body-too-large", "the body is larger than " + maxRequestBytes + " bytes"));
        return true;
      }
      Reply reply;
      // a reload holds the write lock while it loads: wait no longer than the request may take,
      // so that no handler thread outlives its answer
      if (!readLock.tryLock(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        exchange.reply(Reply.error(503, "request-timeout", "the bundle is being reloaded; try again"));
        return true;
      }
      try {
        reply = route.endpoint().handle(new Call(request.getMethod(), path, body));
      } finally {
        readLock.unlock();
      }
      exchange.reply(reply);
    } catch (Exception e) {
      if (!exchange.answered.get()) {
        LOG.error("{} {} failed", request.getMethod(), path, e);
      }
      exchange.reply(Reply.error(500, "internal-error", "the server failed on this request; see its log"));
    } finally {
      deadline.cancel(false);
    }
    return true;
  }

  /** The body, or null when it is larger than the limit (read no further than one byte past it). */
  private byte[] readBody(Request request) throws IOException {
    long declared = request.getLength();
    if (declared > maxRequestBytes) {
      return null;
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
      return body.length > maxRequestBytes ? null : body;
    }
  }

  /** One request's answer: written once, by the endpoint or by the deadline, whichever comes first. */
  private final class Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final long start = System.nanoTime();
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile String label = "unmatched";

    Exchange(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    void reply(Reply reply) {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      response.setStatus(reply.status());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
      response.write(true, ByteBuffer.wrap(reply.body()), callback);
      metrics.answered(label, reply.status());
      AccessLog.log(request.getMethod(), request.getHttpURI().getPath(), reply.status(), reply.body().length,
          System.nanoTime() - start, Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request));
    }
  }
}
