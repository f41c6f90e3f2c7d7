package org.ecgpeft.jobs.llm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.IntStream;
import org.ecgpeft.train.llm.EcgFeatureSet;

/**
 * Which training rows an ECG-LLM run uses when it is capped at {@code max} rows: each class's rows in a
 * seeded shuffle, {@code afShare} of the rows from the AF class (the rest normal, either side topped up
 * from the other when it runs short), kept in their original order. A balanced share (0.5, the default)
 * keeps a small run from learning to always answer "normal"; the natural share (empty) keeps the class prior
 * of the data, so the answers are not biased towards AF on a test split with few AF windows.
 *
 * @param max     most rows to keep (0: all)
 * @param afShare share of AF rows in the subset, in (0, 1); empty: the share in the data
 * @param seed    seed of the shuffle
 */
public record TrainRowSubset(int max, OptionalDouble afShare, long seed) {
    /** Validates the settings, naming the option at fault. */
    public TrainRowSubset {
        if (max < 0) {
            throw new IllegalArgumentException("--max-train-rows must be >= 0, got " + max);
        }
        if (afShare.isPresent() && !(afShare.getAsDouble() > 0 && afShare.getAsDouble() < 1)) {
            throw new IllegalArgumentException(
                    "--train-af-share must be in (0, 1) or 'natural', got " + afShare.getAsDouble());
        }
    }

    /** Parses {@code --train-af-share}: a number in (0, 1) or {@code natural}. */
    static OptionalDouble parseShare(String value) {
        if (value.equals("natural")) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--train-af-share must be a number in (0, 1) or 'natural', got '" + value + "'", e);
        }
    }

    /** The rows of {@code set} to train on ({@code set} itself when it has no more than {@code max} rows). */
    EcgFeatureSet apply(EcgFeatureSet set) {
        if (max == 0 || set.size() <= max) {
            return set;
        }
        Random random = new Random(seed);
        List<List<Integer>> byClass = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < set.size(); i++) {
            byClass.get(set.labels()[i]).add(i);
        }
        byClass.forEach(rows -> Collections.shuffle(rows, random));
        int afRows = byClass.get(1).size();
        double share = afShare.orElse(afRows / (double) set.size());
        int fromAf = Math.min(afRows, (int) Math.round(max * share));
        int fromNormal = Math.min(byClass.get(0).size(), max - fromAf);
        fromAf = max - fromNormal;
        IntStream picked = IntStream.concat(
                byClass.get(0).subList(0, fromNormal).stream().mapToInt(Integer::intValue),
                byClass.get(1).subList(0, fromAf).stream().mapToInt(Integer::intValue));
        return set.subset(picked.sorted().toArray());
    }

    /** The setting as it is recorded with the run: the share, or {@code natural}. */
    String shareName() {
        return afShare.isPresent() ? Double.toString(afShare.getAsDouble()) : "natural";
    }
}
