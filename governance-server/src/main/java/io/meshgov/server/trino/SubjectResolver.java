package io.meshgov.server.trino;

import io.meshgov.api.Subject;
import java.util.List;
import java.util.Optional;

/**
 * Who a Trino user is: Trino sends a user name and groups only; the server's subjects file adds
 * roles, attributes and a default purpose. Implementations are thread-safe and may change between
 * calls (the file is reloaded); {@link #digest()} changes with them, so cached decisions do too.
 */
public interface SubjectResolver {
  /** The subject for {@code user}, with {@code groups} (Trino's) merged into its own. */
  Subject subject(String user, List<String> groups);

  /** The purpose a user's queries are read for, if the subjects file gives one. */
  Optional<String> purpose(String user);

  /** Identifies the subjects the resolver holds now. */
  String digest();
}
