package io.meshgov.server;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the bundle directory (every subdirectory, those created later too) and the subjects file,
 * and calls back once changes have settled: an editor or {@code git checkout} writes many files,
 * and the bundle is reloaded once, after the last of them, not half-way through.
 */
final class BundleWatcher implements AutoCloseable {
  static final Duration DEBOUNCE = Duration.ofMillis(300);
  private static final Logger LOG = LoggerFactory.getLogger(BundleWatcher.class);

  private final Path bundle;
  private final @Nullable Path subjectsFile;
  private final Runnable onBundleChange;
  private final Runnable onSubjectsChange;
  private final WatchService service;
  private final Map<WatchKey, Path> directories = new ConcurrentHashMap<>();
  private final AtomicBoolean bundleChanged = new AtomicBoolean();
  private final AtomicBoolean subjectsChanged = new AtomicBoolean();
  // one thread runs every reload, so two reloads never overlap
  private final ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor(
      runnable -> daemon(runnable, "meshgov-reload"));
  private final Thread watching;
  private @Nullable ScheduledFuture<?> pending;

  private BundleWatcher(Path bundle, @Nullable Path subjectsFile, Runnable onBundleChange, Runnable onSubjectsChange)
      throws IOException {
    this.bundle = bundle.toAbsolutePath().normalize();
    this.subjectsFile = subjectsFile == null ? null : subjectsFile.toAbsolutePath().normalize();
    this.onBundleChange = onBundleChange;
    this.onSubjectsChange = onSubjectsChange;
    this.service = FileSystems.getDefault().newWatchService();
    registerTree(this.bundle);
    if (this.subjectsFile != null && this.subjectsFile.getParent() != null) {
      register(this.subjectsFile.getParent());
    }
    this.watching = daemon(this::watch, "meshgov-watch");
  }

  /** Starts watching; the callbacks run on one thread of the watcher's, one at a time. */
  static BundleWatcher start(Path bundle, @Nullable Path subjectsFile, Runnable onBundleChange,
      Runnable onSubjectsChange) {
    try {
      BundleWatcher watcher = new BundleWatcher(bundle, subjectsFile, onBundleChange, onSubjectsChange);
      watcher.watching.start();
      return watcher;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch " + bundle, e);
    }
  }

  private void watch() {
    try {
      while (true) {
        WatchKey key = service.take();
        Path directory = directories.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == OVERFLOW || directory == null) {
            // events were lost: the only safe guess is that everything changed
            bundleChanged.set(true);
            subjectsChanged.set(true);
            continue;
          }
          Path changed = directory.resolve((Path) event.context());
          if (changed.startsWith(bundle)) {
            bundleChanged.set(true);
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(changed, LinkOption.NOFOLLOW_LINKS)) {
              registerTree(changed);
            }
          }
          if (changed.equals(subjectsFile)) {
            subjectsChanged.set(true);
          }
        }
        if (!key.reset()) {
          directories.remove(key);
        }
        schedule();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed: stop watching
    } catch (IOException | RuntimeException e) {
      LOG.error("stopped watching {} for changes; restart the server to reload", bundle, e);
    }
  }

  private synchronized void schedule() {
    if (!bundleChanged.get() && !subjectsChanged.get()) {
      return;
    }
    if (pending != null) {
      pending.cancel(false);
    }
    pending = reloads.schedule(this::reload, DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void reload() {
    try {
      // a bundle reload reloads the subjects as well (they are checked against its vocabulary)
      if (bundleChanged.getAndSet(false)) {
        subjectsChanged.set(false);
        onBundleChange.run();
      } else if (subjectsChanged.getAndSet(false)) {
        onSubjectsChange.run();
      }
    } catch (RuntimeException e) {
      LOG.error("reload failed", e);
    }
  }

  private void registerTree(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
        register(directory);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private void register(Path directory) throws IOException {
    directories.put(directory.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), directory);
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      LOG.debug("closing the watch service", e);
    }
    reloads.shutdownNow();
    try {
      // a reload in progress holds the write lock; let it finish before the engine closes
      reloads.awaitTermination(10, TimeUnit.SECONDS);
      watching.join(TimeUnit.SECONDS.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
