package io.meshgov.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code --policies DIR}, the policy bundle every command reads: the one place the option is
 * declared. A command that also takes a bare {@code DIR} ({@code validate}, {@code test}) says so
 * with {@code @Command(modelTransformer = BundleOption.OrBareDirectory.class)}.
 */
final class BundleOption {
  @Option(names = "--policies", required = true, paramLabel = "DIR", description = "The policy bundle directory.")
  @Nullable Path policies;

  /** Set only through {@link OrBareDirectory}'s positional parameter. */
  @Nullable Path bare;

  /** The bundle directory, given one way or the other (picocli has checked that exactly one was). */
  Path directory() {
    Path directory = policies != null ? policies : bare;
    if (directory == null) {
      throw new IllegalStateException("picocli let a command run without a bundle directory");
    }
    return directory;
  }

  /**
   * Lets a command take the bundle as {@code --policies DIR} or as a bare {@code DIR}, exactly one
   * of the two: both, or neither, is a usage error (exit 2) that names them. Picocli cannot put a
   * mixin's option in an {@code @ArgGroup}, and declaring {@code --policies} a second time in a
   * group would give the CLI two definitions of it; so this moves the mixin's option, with a
   * positional parameter bound to the same mixin, into one exclusive group after the command's
   * model is built. Help then shows {@code (--policies=DIR | DIR)}.
   */
  static final class OrBareDirectory implements IModelTransformer {
    static final String BOTH = "Error: --policies=DIR, DIR are mutually exclusive (specify only one)";

    /**
     * Picocli's group reports {@code DIR --policies DIR} as {@link #BOTH}, but leaves a {@code DIR}
     * after {@code --policies DIR} unmatched ("Unmatched argument at index 3"), which does not say
     * what is wrong: this gives that case the same message. Other exceptions come back unchanged.
     */
    static ParameterException clarify(ParameterException e) {
      if (!(e instanceof UnmatchedArgumentException unmatched) || e.getCommandLine() == null
          || unmatched.getUnmatched().isEmpty()
          || unmatched.getUnmatched().stream().anyMatch(argument -> argument.startsWith("-"))) {
        return e;
      }
      CommandSpec command = e.getCommandLine().getCommandSpec();
      boolean bareAllowed = command.argGroups().stream()
          .anyMatch(group -> group.args().stream().anyMatch(arg -> arg.isPositional() && arg.paramLabel().equals("DIR")));
      for (CommandSpec mixin : command.mixins().values()) {
        if (bareAllowed && mixin.userObject() instanceof BundleOption bundle && bundle.policies != null) {
          return new ParameterException(e.getCommandLine(), BOTH);
        }
      }
      return e;
    }

    @Override
    public CommandSpec transform(CommandSpec command) {
      BundleOption bundle = null;
      for (CommandSpec mixin : command.mixins().values()) {
        if (mixin.userObject() instanceof BundleOption found) {
          bundle = found;
        }
      }
      if (bundle == null) {
        throw new IllegalStateException(command.name() + " uses OrBareDirectory without the BundleOption mixin");
      }
      BundleOption target = bundle;
      OptionSpec policies = command.findOption("--policies");
      command.remove(policies);
      PositionalParamSpec directory = PositionalParamSpec.builder()
          .index("0")
          .arity("1")
          .paramLabel("DIR")
          .type(Path.class)
          .description("The policy bundle directory, for short; give this or --policies, not both.")
          .getter(new IGetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get() {
              return (T) target.bare;
            }
          })
          .setter(new ISetter() {
            @Override
            public <T> T set(T value) {
              Path previous = target.bare;
              target.bare = (Path) value;
              @SuppressWarnings("unchecked")
              T old = (T) previous;
              return old;
            }
          })
          .build();
      command.addArgGroup(ArgGroupSpec.builder()
          .exclusive(true)
          .multiplicity("1")
          .addArg(OptionSpec.builder(policies).build())
          .addArg(directory)
          .build());
      return command;
    }
  }
}
