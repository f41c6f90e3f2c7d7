package org.ecgpeft.signal;

/**
 * Unreadable or inconsistent ECG input. {@link #locator()} names the file (and row or field) so the
 * ingest job can record the reject; {@link #reason()} says what was wrong.
 */
public class EcgFormatException extends Exception {

    private final String locator;
    private final String reason;

    public EcgFormatException(String locator, String reason) {
        super(locator + ": " + reason);
        this.locator = locator;
        this.reason = reason;
    }

    /** File (and line or field) the problem was found in. */
    public String locator() {
        return locator;
    }

    /** Human-readable description of the problem. */
    public String reason() {
        return reason;
    }
}
