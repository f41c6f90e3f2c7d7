package org.ecgpeft.cli;

/** A command line that does not fit a job's or tool's options; the message names the offending option. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An error with a message naming the bad option or argument. */
    public UsageException(String message) {
        super(message);
    }

    /** A bad value found while building the config ({@code cause}'s message names the option). */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
