package org.ecgpeft.tensor;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A checkpoint does not fit the model: targets it lacks, keys with no target, or tensors whose
 * shape differs from the target's. The message lists each group sorted, with counts.
 */
public final class CheckpointMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** Names listed per group in the message; the lists themselves stay complete. */
    private static final int LISTED = 30;

    private final transient List<String> missing;
    private final transient List<String> unexpected;
    private final transient List<String> shapeMismatches;

    public CheckpointMismatchException(
            String source, List<String> missing, List<String> unexpected, List<String> shapeMismatches) {
        super(message(source, missing, unexpected, shapeMismatches));
        this.missing = missing.stream().sorted().toList();
        this.unexpected = unexpected.stream().sorted().toList();
        this.shapeMismatches = shapeMismatches.stream().sorted().toList();
    }

    /** Target names the checkpoint did not provide. */
    public List<String> missing() {
        return missing;
    }

    /** Checkpoint keys that mapped to no target. */
    public List<String> unexpected() {
        return unexpected;
    }

    /** {@code "name: expected (a, b) found (c, d)"} entries. */
    public List<String> shapeMismatches() {
        return shapeMismatches;
    }

    private static String message(String source, List<String> missing, List<String> unexpected, List<String> shapes) {
        StringBuilder sb = new StringBuilder("checkpoint ").append(source).append(" does not match the model:");
        append(sb, "missing", missing);
        append(sb, "unexpected", unexpected);
        append(sb, "shape mismatches", shapes);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String label, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        List<String> sorted = names.stream().sorted().toList();
        sb.append(' ')
                .append(sorted.size())
                .append(' ')
                .append(label)
                .append(": [")
                .append(sorted.stream().limit(LISTED).collect(Collectors.joining(", ")));
        if (sorted.size() > LISTED) {
            sb.append(", ... ").append(sorted.size() - LISTED).append(" more");
        }
        sb.append("];");
    }
}
