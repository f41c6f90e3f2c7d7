/**
 * The one command-line layer of every job and tool, on picocli: {@link org.ecgpeft.cli.Options} declares and parses
 * a command's {@link org.ecgpeft.cli.Opt}s ({@code --name value}, {@code --name=value}, {@code @argfile}, typo
 * suggestions, {@code --help}), {@link org.ecgpeft.cli.Command} turns them into a validated config,
 * {@link org.ecgpeft.cli.ToolMain} runs the Spark-free {@link org.ecgpeft.cli.Tool}s (and their subcommands) with the
 * jobs' exit codes and {@link org.ecgpeft.cli.UserErrors} tells a user's mistake from a bug.
 */
package org.ecgpeft.cli;
