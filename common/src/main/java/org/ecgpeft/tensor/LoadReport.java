package org.ecgpeft.tensor;

import java.util.List;

/**
 * What a {@link StateDictLoader} did: target names loaded, targets the checkpoint lacked
 * ({@code missing}), checkpoint keys with no target ({@code unexpected}) and checkpoint keys the
 * mapping ignored. All lists sorted.
 */
public record LoadReport(List<String> loaded, List<String> missing, List<String> unexpected, List<String> ignored) {

    /** Copies and sorts the lists. */
    public LoadReport {
        loaded = sorted(loaded);
        missing = sorted(missing);
        unexpected = sorted(unexpected);
        ignored = sorted(ignored);
    }

    /** Whether every target was loaded and every non-ignored key used. */
    public boolean isComplete() {
        return missing.isEmpty() && unexpected.isEmpty();
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}
