package org.ecgpeft.cli;

/**
 * A command that runs without Spark ({@code mscnn train}, {@code bench-train}, ...), started by {@link ToolMain}.
 *
 * @param <C> the tool's config record
 */
public interface Tool<C> extends Command<C> {
    /** Runs the tool with its validated config. */
    void run(C config) throws Exception;
}
