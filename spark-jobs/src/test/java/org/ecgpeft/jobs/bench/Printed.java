package org.ecgpeft.jobs.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a benchmark prints to standard output (its JSON), captured for a test. */
final class Printed {
    private Printed() {}

    /** A body that may throw, as a job's {@code run} does. */
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** What {@code body} prints to standard output. */
    static String by(ThrowingRunnable body) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
