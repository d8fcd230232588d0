package io.meshgov.server;

import io.meshgov.api.GovernanceException;
import io.meshgov.api.Problem;
import io.meshgov.api.Severity;
import io.meshgov.api.Vocabulary;
import io.meshgov.server.trino.SubjectResolver;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a subjects file into a {@link SubjectResolver}: at startup and on every change of the
 * file. The server depends on this interface only, so whichever reader of subjects files a
 * build has plugs in here.
 */
@FunctionalInterface
public interface SubjectsSource {
  /**
   * The subjects of {@code file}, checked against the bundle's {@code vocabulary}.
   *
   * @throws GovernanceException with every problem of the file, when it cannot be used
   */
  SubjectResolver load(Path file, Vocabulary vocabulary);

  /** Reads a subjects file as a {@link io.meshgov.engine.subjects.SubjectDirectory}: the server's default. */
  SubjectsSource DIRECTORY = DirectorySubjects.SOURCE;

  /**
   * For a server started without a reader of subjects files: a configured subjects file is
   * rejected, with a problem that says so, rather than silently ignored.
   */
  SubjectsSource NONE = (file, vocabulary) -> {
    throw new GovernanceException("subjects rejected", List.of(new Problem(Severity.ERROR, "subjects-unsupported",
        file.toString(), 0, 0, "this server was started without a reader of subjects files",
        "start it with MeshgovServer.start(config, subjectsSource, trino), or leave the subjects file out")));
  };
}
