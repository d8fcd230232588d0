package io.meshgov.server;

import io.meshgov.api.Subject;
import io.meshgov.server.trino.SubjectResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Without a subjects file: every Trino user is a subject with Trino's groups, and no roles, attributes or purpose. */
final class NoSubjects implements SubjectResolver {
  static final NoSubjects INSTANCE = new NoSubjects();

  private NoSubjects() {}

  @Override
  public Subject subject(String user, List<String> groups) {
    return new Subject(user, groups, List.of(), Map.of());
  }

  @Override
  public Optional<String> purpose(String user) {
    return Optional.empty();
  }

  @Override
  public String digest() {
    return "none";
  }
}
