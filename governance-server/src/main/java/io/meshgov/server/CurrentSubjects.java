package io.meshgov.server;

import io.meshgov.api.Subject;
import io.meshgov.server.trino.SubjectResolver;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The subjects in use, swapped whole on a reload: the Trino answers keep this one object, and each
 * call reads one loaded set of subjects, never part of two.
 */
final class CurrentSubjects implements SubjectResolver {
  private final AtomicReference<SubjectResolver> current;

  CurrentSubjects(SubjectResolver initial) {
    this.current = new AtomicReference<>(initial);
  }

  void replace(SubjectResolver subjects) {
    current.set(subjects);
  }

  @Override
  public Subject subject(String user, List<String> groups) {
    return current.get().subject(user, groups);
  }

  @Override
  public Optional<String> purpose(String user) {
    return current.get().purpose(user);
  }

  @Override
  public String digest() {
    return current.get().digest();
  }
}
