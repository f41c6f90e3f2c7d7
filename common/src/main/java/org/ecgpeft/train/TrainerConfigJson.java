package org.ecgpeft.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a {@link TrainerConfig} from the {@code "trainer"} object of a study config (e.g.
 * {@code conf/peft-study.json}). Keys (all optional; defaults of {@link TrainerConfig#defaults} with 10
 * epochs, batch 32, lr 1e-4, seed 17): {@code epochs, batch_size, accumulation_steps, learning_rate,
 * weight_decay, adam_beta1, adam_beta2, adam_epsilon, schedule (constant|linear|cosine), warmup_ratio,
 * max_grad_norm, class_weighting, oversample, patience, seed, log_every, eval_batch_size}. Unknown keys are
 * rejected so a typo does not silently fall back to a default.
 */
public final class TrainerConfigJson {

    private static final Set<String> KEYS = Set.of(
            "epochs",
            "batch_size",
            "accumulation_steps",
            "learning_rate",
            "weight_decay",
            "adam_beta1",
            "adam_beta2",
            "adam_epsilon",
            "schedule",
            "warmup_ratio",
            "max_grad_norm",
            "class_weighting",
            "oversample",
            "patience",
            "seed",
            "log_every",
            "eval_batch_size");

    private TrainerConfigJson() {}

    /** Reads the {@code "trainer"} object of {@code file} (or the root when it has none). */
    public static TrainerConfig read(Path file) throws IOException {
        return ConfigSection.read(file, "trainer", TrainerConfigJson::fromJson);
    }

    static TrainerConfig fromJson(JsonNode n) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown trainer key '" + key + "' (known: " + KEYS + ")");
            }
        }
        TrainerConfig d = TrainerConfig.defaults(10, 32, 1e-4, 17);
        AdamWOptions o = d.optimizer();
        AdamWOptions optimizer = new AdamWOptions(
                num(n, "adam_beta1", o.beta1()),
                num(n, "adam_beta2", o.beta2()),
                num(n, "adam_epsilon", o.eps()),
                num(n, "weight_decay", o.weightDecay()),
                o.decayBiasesAndNorms());
        String schedule = n.path("schedule").asText(d.schedule().name()).toUpperCase(Locale.ROOT);
        LrSchedule.Kind kind;
        try {
            kind = LrSchedule.Kind.valueOf(schedule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "key 'schedule' must be constant, linear or cosine, got " + n.get("schedule"), e);
        }
        return new TrainerConfig(
                integer(n, "epochs", d.epochs()),
                integer(n, "batch_size", d.batchSize()),
                integer(n, "accumulation_steps", d.accumulationSteps()),
                num(n, "learning_rate", d.learningRate()),
                optimizer,
                kind,
                num(n, "warmup_ratio", d.warmupRatio()),
                num(n, "max_grad_norm", d.maxGradNorm()),
                bool(n, "class_weighting", d.classWeighting()),
                bool(n, "oversample", d.oversample()),
                integer(n, "patience", d.patience()),
                (long) num(n, "seed", d.seed()),
                integer(n, "log_every", d.logEvery()),
                integer(n, "eval_batch_size", d.evalBatchSize()));
    }

    private static double num(JsonNode n, String key, double fallback) {
        JsonNode v = n.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("key '" + key + "' must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static int integer(JsonNode n, String key, int fallback) {
        JsonNode v = n.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber()) {
            throw new IllegalArgumentException("key '" + key + "' must be an integer, got " + v);
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode n, String key, boolean fallback) {
        JsonNode v = n.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("key '" + key + "' must be true or false, got " + v);
        }
        return v.asBoolean();
    }
}
