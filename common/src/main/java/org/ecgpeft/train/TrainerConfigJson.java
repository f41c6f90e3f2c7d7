package org.ecgpeft.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ecgpeft.config.BadKeyException;
import org.ecgpeft.config.Json;

/**
 * The {@code "trainer"} object of a study config (e.g. {@code conf/peft-study.json}): a {@link TrainerConfig}
 * with every key optional, defaults of {@link TrainerConfig#defaults} with 10 epochs, batch 32, lr 1e-4,
 * seed 17. {@code schedule} is {@code constant}, {@code linear} or {@code cosine}. Unknown keys are rejected
 * so a typo does not silently fall back to a default; {@link #toConfig} validates the ranges.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainerConfigJson(
        Integer epochs,
        Integer batchSize,
        Integer accumulationSteps,
        Double learningRate,
        Double weightDecay,
        Double adamBeta1,
        Double adamBeta2,
        Double adamEpsilon,
        String schedule,
        Double warmupRatio,
        Double maxGradNorm,
        Boolean classWeighting,
        Boolean oversample,
        Integer patience,
        Long seed,
        Integer logEvery,
        Integer evalBatchSize) {

    private static final List<String> SCHEDULES = List.of("constant", "linear", "cosine");

    public TrainerConfigJson {
        if (schedule != null && !SCHEDULES.contains(schedule.toLowerCase(Locale.ROOT))) {
            throw BadKeyException.of("schedule", "must be one of " + SCHEDULES + ", got \"" + schedule + "\"");
        }
    }

    /** Reads the {@code "trainer"} object of {@code file} (or the root when it has none). */
    public static TrainerConfig read(Path file) throws IOException {
        return Json.OWN.readSection(file, "trainer", TrainerConfigJson.class, TrainerConfigJson::toConfig);
    }

    /** The trainer settings: the keys given, defaults for the rest. */
    public TrainerConfig toConfig() {
        TrainerConfig d = TrainerConfig.defaults(10, 32, 1e-4, 17);
        AdamWOptions o = d.optimizer();
        AdamWOptions optimizer = new AdamWOptions(
                or(adamBeta1, o.beta1()),
                or(adamBeta2, o.beta2()),
                or(adamEpsilon, o.eps()),
                or(weightDecay, o.weightDecay()),
                o.decayBiasesAndNorms());
        return new TrainerConfig(
                or(epochs, d.epochs()),
                or(batchSize, d.batchSize()),
                or(accumulationSteps, d.accumulationSteps()),
                or(learningRate, d.learningRate()),
                optimizer,
                schedule == null ? d.schedule() : LrSchedule.Kind.valueOf(schedule.toUpperCase(Locale.ROOT)),
                or(warmupRatio, d.warmupRatio()),
                or(maxGradNorm, d.maxGradNorm()),
                or(classWeighting, d.classWeighting()),
                or(oversample, d.oversample()),
                or(patience, d.patience()),
                or(seed, d.seed()),
                or(logEvery, d.logEvery()),
                or(evalBatchSize, d.evalBatchSize()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
