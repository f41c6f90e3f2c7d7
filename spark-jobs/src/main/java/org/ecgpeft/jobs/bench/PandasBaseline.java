package org.ecgpeft.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The tool users would otherwise reach for, measured on the same file in the same run: {@code pandas.read_csv}
 * and a per-row numpy z-score, nothing stored ({@code pandas_zscore.py}, shipped in the jar and fed to the
 * Python interpreter on its standard input). Where no Python with pandas is found the bench says so and goes on.
 */
final class PandasBaseline {
    private static final String SCRIPT = "pandas_zscore.py";
    private static final long TIMEOUT_MINUTES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PandasBaseline() {}

    /**
     * What pandas did, or why it did not run.
     *
     * @param rows    rows read (0 when it did not run)
     * @param seconds read and z-score, interpreter start and imports excluded
     * @param version pandas' version
     * @param missing empty when it ran, else the reason it did not
     */
    record Result(long rows, double seconds, String version, String missing) {
        static Result unavailable(String why) {
            return new Result(0, Double.NaN, "", why);
        }

        boolean ran() {
            return missing.isEmpty();
        }
    }

    /** Runs the script with {@code python} on {@code csv}. */
    static Result run(String python, Path csv) {
        Process p;
        try {
            p = new ProcessBuilder(python, "-", csv.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return Result.unavailable("cannot start " + python + ": " + e.getMessage());
        }
        try (InputStream script = PandasBaseline.class.getResourceAsStream(SCRIPT);
                OutputStream stdin = p.getOutputStream()) {
            if (script == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the jar");
            }
            script.transferTo(stdin);
        } catch (IOException e) {
            p.destroy();
            return Result.unavailable(python + " did not take the script: " + e.getMessage());
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return Result.unavailable(python + " ran past " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0 || out.isEmpty()) {
                return Result.unavailable(python + " exited with " + p.exitValue());
            }
            JsonNode n = JSON.readTree(out.substring(out.lastIndexOf('\n') + 1));
            if (n.has("error")) {
                return Result.unavailable(python + ": " + n.get("error").asText());
            }
            return new Result(
                    n.get("rows").asLong(),
                    n.get("seconds").asDouble(),
                    n.get("pandas").asText(),
                    "");
        } catch (IOException e) {
            return Result.unavailable(python + " printed no figures: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return Result.unavailable("interrupted");
        }
    }
}
