package org.ecgpeft.cli;

import java.util.Optional;

/**
 * A command of a job or tool: its options (and hence its {@code --help}) and how a parsed command line becomes an
 * immutable, validated config, so a bad option fails before any work starts, with a message naming it.
 *
 * @param <C> the command's config record
 */
public interface Command<C> {
    /** The command as typed, e.g. {@code ingest} or {@code mscnn train}. */
    String name();

    /** The command's options. */
    Options options();

    /** Builds the validated config; throws {@link IllegalArgumentException} naming the bad option. */
    C configure(ParsedArgs args);

    /**
     * Parses and validates {@code args} into the config, or empty when they ask for {@code --help}. An unknown
     * option, a missing or bad value fails with one line naming it and pointing at the command's {@code --help}.
     */
    default Optional<C> parse(String... args) throws UsageException {
        try {
            ParsedArgs parsed = options().parse(args);
            return parsed.helpRequested() ? Optional.empty() : Optional.of(configure(parsed));
        } catch (UsageException | IllegalArgumentException e) {
            String hint = e.getMessage().contains("--help") ? "" : " (" + name() + " --help lists the options)";
            throw new UsageException(e.getMessage() + hint, e);
        }
    }
}
