package org.ecgpeft.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * Tells a user's mistake (a missing file or table, bad input, nothing to work on) from a failure of the program
 * itself, so the jobs' and the tools' entry points print the first as one line and the second with its stack
 * trace. A user error is, anywhere in the cause chain: a missing file, an exception of one of the caller's
 * {@code external} types (the jobs pass Spark's {@code AnalysisException}: unknown table or column, bad SQL), or an
 * argument, state or I/O exception raised by the project's own code, whose messages are written for the user and
 * name the file, table or option.
 */
public final class UserErrors {
    private UserErrors() {}

    /** The one-line message of a user error, or empty when {@code error} is a failure of the program. */
    @SafeVarargs
    public static Optional<String> message(Throwable error, Class<? extends Throwable>... external) {
        List<Class<? extends Throwable>> theirs = List.of(external);
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Throwable current = t;
            boolean outside = current instanceof FileNotFoundException
                    || current instanceof NoSuchFileException
                    || theirs.stream().anyMatch(c -> c.isInstance(current));
            boolean ours = (t instanceof IllegalArgumentException
                            || t instanceof IllegalStateException
                            || t instanceof IOException
                            || t instanceof UncheckedIOException)
                    && raisedByProject(t);
            if ((outside || ours) && t.getMessage() != null) {
                return Optional.of(firstLine(t.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static boolean raisedByProject(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("org.ecgpeft.");
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
