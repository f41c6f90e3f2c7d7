package org.ecgpeft.jobs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import org.apache.spark.sql.AnalysisException;

/**
 * Tells a user's mistake (a missing file or table, bad input, a table root with nothing to work on) from a
 * failure of the pipeline itself, so {@link Main} prints the first as one line and the second with its stack
 * trace. A user error is, anywhere in the cause chain: a Spark {@link AnalysisException} (unknown table or
 * column, bad SQL), a missing file, or an argument, state or I/O exception raised by the pipeline's own code,
 * whose messages are written for the user and name the file, table or option.
 */
final class UserErrors {
    private UserErrors() {}

    /** The one-line message of a user error, or empty when {@code error} is a failure of the pipeline. */
    static Optional<String> message(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            boolean external = t instanceof AnalysisException
                    || t instanceof FileNotFoundException
                    || t instanceof NoSuchFileException;
            boolean ours = (t instanceof IllegalArgumentException
                            || t instanceof IllegalStateException
                            || t instanceof IOException
                            || t instanceof UncheckedIOException)
                    && raisedByPipeline(t);
            if ((external || ours) && t.getMessage() != null) {
                return Optional.of(firstLine(t.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static boolean raisedByPipeline(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("org.ecgpeft.");
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
