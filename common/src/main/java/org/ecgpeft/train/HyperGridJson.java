package org.ecgpeft.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.ecgpeft.config.BadKeyException;

/**
 * The {@code "search"} object of a study config (see {@link HyperGrid}): every key optional, a missing list
 * meaning that parameter's default (lr 1e-4, batch 32, epochs 10, r 16, alpha 32, reduction factor 16).
 * Unknown keys are rejected; {@link #toGrid} validates the grid.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperGridJson(
        String mode,
        Integer trials,
        Long seed,
        List<Double> learningRate,
        List<Integer> batchSize,
        List<Integer> epochs,
        List<Integer> loraR,
        List<Double> loraAlpha,
        List<Integer> reductionFactor) {

    public HyperGridJson {
        if (mode != null && !mode.equals("grid") && !mode.equals("random")) {
            throw BadKeyException.of("mode", "must be \"grid\" or \"random\", got \"" + mode + "\"");
        }
    }

    /** The search space: the lists given, defaults for the rest. */
    public HyperGrid toGrid() {
        return new HyperGrid(
                "random".equals(mode),
                trials == null ? 0 : trials,
                seed == null ? 0 : seed,
                or(learningRate, 1e-4),
                or(batchSize, 32),
                or(epochs, 10),
                or(loraR, 16),
                or(loraAlpha, 32.0),
                or(reductionFactor, 16));
    }

    private static <T> List<T> or(List<T> values, T fallback) {
        return values != null ? values : List.of(fallback);
    }
}
