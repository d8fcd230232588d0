package io.meshgov.server;

import io.meshgov.api.GovernanceException;
import io.meshgov.api.Problem;
import io.meshgov.api.Severity;
import io.meshgov.engine.GovernanceEngine;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the bundle and the subjects file when they change, and remembers how the last reload went.
 * A reload holds the server's write lock: no request runs while the bundle, the subjects and the
 * Trino cache change, so every request sees the old state or the new one, never a mix.
 */
final class Reloader {
  /** How a load went: what was loaded ({@code startup}, {@code bundle}, {@code subjects}), when, and its problems. */
  record Outcome(Instant at, String source, boolean accepted, List<Problem> problems) {
    Outcome {
      problems = List.copyOf(problems);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

  private final GovernanceEngine engine;
  private final @Nullable Path subjectsFile;
  private final SubjectsSource subjectsSource;
  private final CurrentSubjects subjects;
  private final TrinoAnswers trino;
  private final ServerMetrics metrics;
  private final InstantSource clock;
  private final Lock writeLock;
  private volatile Outcome last;

  Reloader(GovernanceEngine engine, @Nullable Path subjectsFile, SubjectsSource subjectsSource, CurrentSubjects subjects,
      TrinoAnswers trino, ServerMetrics metrics, InstantSource clock, Lock writeLock, Outcome startup) {
    this.engine = engine;
    this.subjectsFile = subjectsFile;
    this.subjectsSource = subjectsSource;
    this.subjects = subjects;
    this.trino = trino;
    this.metrics = metrics;
    this.clock = clock;
    this.writeLock = writeLock;
    this.last = startup;
  }

  Outcome last() {
    return last;
  }

  /**
   * The bundle directory changed: load it again; once it is accepted, load the subjects again too,
   * since they are checked against the bundle's vocabulary.
   */
  Outcome bundleChanged() {
    writeLock.lock();
    try {
      List<Problem> problems = new ArrayList<>();
      boolean accepted;
      try {
        problems.addAll(engine.reload());
        accepted = true;
        LOG.info("bundle reloaded: now serving {}", engine.bundle().digest());
      } catch (GovernanceException e) {
        problems.addAll(e.problems());
        accepted = false;
      } catch (RuntimeException e) {
        problems.add(unexpected(engine.bundle().name(), e));
        accepted = false;
      }
      metrics.reloaded("bundle", accepted);
      if (accepted) {
        // the new bundle serves from here on, whatever the subjects say: no decision of the old
        // one may answer Trino again
        trino.invalidate();
      }
      if (accepted && subjectsFile != null) {
        List<Problem> subjectProblems = loadSubjects(subjectsFile);
        boolean subjectsAccepted = subjectProblems.stream().noneMatch(Problem::isError);
        problems.addAll(subjectProblems);
        if (!subjectsAccepted) {
          LOG.warn("bundle {} accepted, but the subjects file no longer checks against it: the previous subjects"
              + " stay in use", engine.bundle().digest());
          return record(new Outcome(clock.instant(), "bundle (subjects rejected)", false, problems));
        }
      }
      return record(new Outcome(clock.instant(), "bundle", accepted, problems));
    } finally {
      writeLock.unlock();
    }
  }

  /** The subjects file changed: load it again, keeping the subjects in use if it is rejected. */
  Outcome subjectsChanged() {
    if (subjectsFile == null) {
      return last;
    }
    writeLock.lock();
    try {
      List<Problem> problems = loadSubjects(subjectsFile);
      boolean accepted = problems.stream().noneMatch(Problem::isError);
      if (accepted) {
        trino.invalidate();
      }
      return record(new Outcome(clock.instant(), "subjects", accepted, problems));
    } finally {
      writeLock.unlock();
    }
  }

  private List<Problem> loadSubjects(Path file) {
    try {
      subjects.replace(subjectsSource.load(file, engine.vocabulary()));
      metrics.reloaded("subjects", true);
      LOG.info("subjects reloaded from {}: now {}", file, subjects.digest());
      return List.of();
    } catch (GovernanceException e) {
      metrics.reloaded("subjects", false);
      return e.problems();
    } catch (RuntimeException e) {
      metrics.reloaded("subjects", false);
      return List.of(unexpected(file.toString(), e));
    }
  }

  private Outcome record(Outcome outcome) {
    if (!outcome.accepted()) {
      LOG.warn("{} reload rejected; still serving bundle {} and subjects {}", outcome.source(), engine.bundle().digest(),
          subjects.digest());
      for (Problem problem : outcome.problems()) {
        LOG.warn("{}", problem.format());
      }
    }
    last = outcome;
    return outcome;
  }

  private static Problem unexpected(String file, RuntimeException e) {
    // an I/O error or a bug: still a rejection, so the server keeps what it serves
    return new Problem(Severity.ERROR, "reload-failed", file, 0, 0, String.valueOf(e), null);
  }
}
