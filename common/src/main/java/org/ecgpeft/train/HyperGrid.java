package org.ecgpeft.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ecgpeft.config.BadKeyException;
import org.ecgpeft.config.Json;

/**
 * A hyper-parameter search space read from JSON ({@link HyperGridJson}) (the {@code "search"} object of a study config such as
 * {@code conf/peft-study.json}, or a file holding only that object):
 * <pre>
 * {"mode": "grid" | "random", "trials": 8, "seed": 17,
 *  "learning_rate": [1e-4, 5e-4], "batch_size": [32], "epochs": [10],
 *  "lora_r": [8, 16], "lora_alpha": [16, 32], "reduction_factor": [16]}
 * </pre>
 * {@code grid} yields every combination (in a fixed nested order); {@code random} yields {@code trials}
 * distinct combinations drawn with {@code seed}. A missing list means that parameter's default
 * (lr 1e-4, batch 32, epochs 10, r 16, alpha 32, reduction factor 16).
 *
 * @param random random search instead of the full grid
 * @param trials number of random trials (ignored for grid)
 * @param seed seed of the random draw
 */
public record HyperGrid(
        boolean random,
        int trials,
        long seed,
        List<Double> learningRates,
        List<Integer> batchSizes,
        List<Integer> epochs,
        List<Integer> loraRanks,
        List<Double> loraAlphas,
        List<Integer> reductionFactors) {

    public HyperGrid {
        learningRates = nonEmpty(learningRates, "learning_rate");
        batchSizes = nonEmpty(batchSizes, "batch_size");
        epochs = nonEmpty(epochs, "epochs");
        loraRanks = nonEmpty(loraRanks, "lora_r");
        loraAlphas = nonEmpty(loraAlphas, "lora_alpha");
        reductionFactors = nonEmpty(reductionFactors, "reduction_factor");
        if (random && trials <= 0) {
            throw BadKeyException.of("trials", "must be positive for a random search, got " + trials);
        }
    }

    /** Reads the search space from {@code file} (its {@code "search"} object if present, else the root). */
    public static HyperGrid read(Path file) throws IOException {
        return Json.OWN.readSection(file, "search", HyperGridJson.class, HyperGridJson::toGrid);
    }

    /** The points to train, in order. */
    public List<HyperParams> points() {
        List<HyperParams> all = new ArrayList<>();
        for (double lr : learningRates) {
            for (int b : batchSizes) {
                for (int e : epochs) {
                    for (int r : loraRanks) {
                        for (double a : loraAlphas) {
                            for (int rf : reductionFactors) {
                                all.add(new HyperParams(lr, b, e, r, a, rf));
                            }
                        }
                    }
                }
            }
        }
        if (!random) {
            return List.copyOf(all);
        }
        Collections.shuffle(all, new Random(seed));
        return List.copyOf(all.subList(0, Math.min(trials, all.size())));
    }

    private static <T> List<T> nonEmpty(List<T> values, String key) {
        if (values == null || values.isEmpty()) {
            throw BadKeyException.of(key, "must list at least one value");
        }
        return List.copyOf(values);
    }
}
