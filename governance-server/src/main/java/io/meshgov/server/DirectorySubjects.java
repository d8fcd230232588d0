package io.meshgov.server;

import io.meshgov.api.Subject;
import io.meshgov.engine.subjects.SubjectDirectory;
import io.meshgov.server.trino.SubjectResolver;
import java.util.List;
import java.util.Optional;

/**
 * Trino users resolved through a subjects file ({@link SubjectDirectory}): a listed user is their
 * entry with Trino's groups merged in; an unknown one has Trino's groups and nothing else.
 */
final class DirectorySubjects implements SubjectResolver {
  /** Loads a subjects file, checked against the bundle's vocabulary: the server's default reader. */
  static final SubjectsSource SOURCE = (file, vocabulary) -> new DirectorySubjects(SubjectDirectory.load(file, vocabulary));

  private final SubjectDirectory directory;

  DirectorySubjects(SubjectDirectory directory) {
    this.directory = directory;
  }

  @Override
  public Subject subject(String user, List<String> groups) {
    return directory.subject(user, groups);
  }

  @Override
  public Optional<String> purpose(String user) {
    return directory.purpose(user);
  }

  @Override
  public String digest() {
    return directory.digest();
  }
}
