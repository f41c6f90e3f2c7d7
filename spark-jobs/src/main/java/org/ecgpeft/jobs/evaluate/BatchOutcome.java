package org.ecgpeft.jobs.evaluate;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of evaluating several runs: the finished ones stay written even when others failed.
 *
 * @param finished results of the runs that were evaluated
 * @param failures run id -> error message of the runs that failed
 */
public record BatchOutcome(List<EvaluationResult> finished, Map<String, String> failures) {
    /** Copies the lists. */
    public BatchOutcome {
        finished = List.copyOf(finished);
        failures = Map.copyOf(failures);
    }

    /** Throws with every failed run and its reason when any failed. */
    public void requireAllSucceeded() {
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " of " + (failures.size() + finished.size())
                    + " runs failed to evaluate (finished results are kept):\n"
                    + failures.entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .map(e -> "  " + e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining("\n")));
        }
    }
}
