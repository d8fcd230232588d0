package io.meshgov.engine.subjects;

import io.meshgov.api.LoadLimits;
import io.meshgov.api.Subject;
import io.meshgov.api.SubjectEntry;
import io.meshgov.api.SubjectsRejectedException;
import io.meshgov.api.Vocabulary;
import io.meshgov.engine.internal.load.NodeReader;
import io.meshgov.engine.internal.load.RawDocuments.RawSubject;
import io.meshgov.engine.internal.load.SourceNode;
import io.meshgov.engine.internal.load.SourceReader;
import io.meshgov.engine.internal.load.SubjectsParser;
import io.meshgov.engine.internal.load.Utf8Text;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.validate.SubjectsValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The users a subjects file describes (docs/policy-language.md, "Subjects file"), by id. A decision
 * server learns only a user name and groups from the query engine; this gives it the rest of the
 * {@link Subject}, and the purpose to decide for. Immutable and thread-safe.
 */
public final class SubjectDirectory {
  /** No users: every id resolves to a subject with only the groups the caller passes. */
  public static final SubjectDirectory EMPTY = of(List.of());

  private final List<SubjectEntry> entries;
  private final Map<String, SubjectEntry> byId;
  private final String digest;

  private SubjectDirectory(List<SubjectEntry> entries, String digest) {
    this.entries = List.copyOf(entries);
    Map<String, SubjectEntry> index = new LinkedHashMap<>();
    for (SubjectEntry entry : this.entries) {
      if (index.putIfAbsent(entry.id(), entry) != null) {
        throw new IllegalArgumentException("subject '" + entry.id() + "' is listed twice");
      }
    }
    this.byId = Map.copyOf(index);
    this.digest = digest;
  }

  /**
   * Reads and checks a subjects file, YAML or JSON by its extension ({@code .json} is JSON), within
   * the limits of a bundle file ({@link LoadLimits#DEFAULTS}), and checks its names against {@code
   * vocabulary} ({@link Vocabulary#NONE} checks none). Problems name the file as {@code file} is
   * written.
   *
   * @throws SubjectsRejectedException with every problem, sorted by position, if there is any
   */
  public static SubjectDirectory load(Path file, Vocabulary vocabulary) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(vocabulary, "vocabulary");
    String name = file.toString();
    ProblemSink problems = new ProblemSink();
    byte[] bytes = read(file, name, LoadLimits.DEFAULTS, problems);
    List<SubjectEntry> entries = List.of();
    if (bytes != null) {
      entries = parse(name, bytes, vocabulary, LoadLimits.DEFAULTS, problems);
    }
    if (problems.hasErrors()) {
      List<io.meshgov.api.Problem> sorted = new ArrayList<>(problems.problems());
      sorted.sort(ProblemSink.BY_POSITION);
      throw new SubjectsRejectedException(sorted);
    }
    return new SubjectDirectory(entries, sha256(bytes));
  }

  /**
   * A directory of {@code entries}, in this order, for Java callers. Its {@link #digest()} is
   * computed from the entries, so equal entries give equal digests.
   *
   * @throws IllegalArgumentException if two entries have the same id
   */
  public static SubjectDirectory of(List<SubjectEntry> entries) {
    return new SubjectDirectory(entries, sha256(canonical(entries)));
  }

  /** The entry of {@code id}, if the directory lists it. */
  public Optional<SubjectEntry> find(String id) {
    return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
  }

  /** Every entry, in file order. */
  public List<SubjectEntry> entries() {
    return entries;
  }

  /**
   * The subject to decide for: the entry's subject with {@code extraGroups} added after its own
   * groups, each group once. A user the directory does not list gets only {@code extraGroups}, no
   * roles and no attributes, so rules that need a role or an attribute fail closed for them.
   *
   * @throws IllegalArgumentException if {@code id} is empty
   */
  public Subject subject(String id, List<String> extraGroups) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(extraGroups, "extraGroups");
    SubjectEntry entry = byId.get(id);
    LinkedHashSet<String> groups = new LinkedHashSet<>();
    if (entry != null) {
      groups.addAll(entry.subject().groups());
    }
    groups.addAll(extraGroups);
    if (entry == null) {
      return new Subject(id, List.copyOf(groups), List.of(), Map.of());
    }
    Subject known = entry.subject();
    return new Subject(id, List.copyOf(groups), known.roles(), known.attributes());
  }

  /** The default purpose of {@code id}: empty when the user is not listed or has none. */
  public Optional<String> purpose(String id) {
    return find(id).map(SubjectEntry::purpose);
  }

  /**
   * The SHA-256 of the file's bytes, as 64 lower-case hex digits, for keying caches on the
   * directory's content; for {@link #of}, of the entries' canonical form.
   */
  public String digest() {
    return digest;
  }

  @Override
  public String toString() {
    return "SubjectDirectory[" + entries.size() + " subject(s), sha256 " + digest + "]";
  }

  private static byte @org.jspecify.annotations.Nullable [] read(Path file, String name, LoadLimits limits,
      ProblemSink problems) {
    try {
      long size = Files.size(file);
      if (size > limits.maxFileBytes()) {
        problems.error("limit-file-size", name, Position.FILE,
            "the file has " + size + " bytes, more than the limit of " + limits.maxFileBytes(),
            "trim the file: a subjects file has the size limit of a bundle file (LoadLimits.maxFileBytes)");
        return null;
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      problems.error("io-error", name, Position.UNKNOWN, "no subjects file at " + name,
          "pass the path of the subjects file");
    } catch (IOException e) {
      problems.error("io-error", name, Position.UNKNOWN, "cannot read the subjects file: " + e.getMessage(),
          "check the path and its permissions");
    }
    return null;
  }

  private static List<SubjectEntry> parse(String name, byte[] bytes, Vocabulary vocabulary, LoadLimits limits,
      ProblemSink problems) {
    String text = Utf8Text.decode(name, bytes, problems);
    if (text == null) {
      return List.of();
    }
    SourceNode root = new SourceReader(limits).read(name, text, problems);
    if (root == null) {
      return List.of();
    }
    List<RawSubject> raw = new SubjectsParser(new NodeReader(name, problems)).read(root);
    return raw == null ? List.of() : SubjectsValidator.validate(name, raw, vocabulary, problems);
  }

  /**
   * The entries as bytes that differ whenever the entries do: every string framed by its length,
   * attributes sorted by key (their order carries no meaning).
   */
  private static byte[] canonical(List<SubjectEntry> entries) {
    StringBuilder text = new StringBuilder();
    for (SubjectEntry entry : entries) {
      Subject subject = entry.subject();
      frame(text, subject.id());
      frame(text, String.valueOf(subject.groups().size()));
      subject.groups().forEach(group -> frame(text, group));
      frame(text, String.valueOf(subject.roles().size()));
      subject.roles().forEach(role -> frame(text, role));
      Map<String, String> attributes = new TreeMap<>(subject.attributes());
      frame(text, String.valueOf(attributes.size()));
      attributes.forEach((key, value) -> {
        frame(text, key);
        frame(text, value);
      });
      frame(text, entry.purpose() == null ? "-" : "+" + entry.purpose());
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void frame(StringBuilder text, String value) {
    text.append(value.length()).append(':').append(value);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
