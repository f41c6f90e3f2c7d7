package org.ecgpeft.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.ecgpeft.config.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HyperGridTest {

    @Test
    void studyConfigGridEnumeratesEveryCombination() throws Exception {
        HyperGrid grid = HyperGrid.read(Path.of("../conf/peft-study.json"));
        List<HyperParams> points = grid.points();
        assertEquals(2 * 2 * 2 * 2, points.size());
        assertEquals(new HyperParams(1e-4, 32, 10, 8, 16, 16), points.get(0));
        assertEquals(points.size(), new HashSet<>(points).size());
    }

    @Test
    void randomSearchDrawsDistinctSeededPointsAndDefaultsFillMissingKeys(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.json");
        Files.writeString(
                f,
                "{\"mode\": \"random\", \"trials\": 3, \"seed\": 5, \"learning_rate\": [1e-4, 2e-4, 3e-4],"
                        + " \"lora_r\": [4, 8]}");
        List<HyperParams> a = HyperGrid.read(f).points();
        assertEquals(3, a.size());
        assertEquals(a, HyperGrid.read(f).points());
        assertEquals(3, new HashSet<>(a).size());
        assertEquals(32, a.get(0).batchSize());
        assertEquals(16, a.get(0).reductionFactor());
        Files.writeString(f, "{\"learning_rate\": [\"fast\"]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HyperGrid.read(f));
        assertEquals(f + ": key \"learning_rate[0]\": expected a number, got \"fast\"", e.getMessage());
        for (String[] bad : new String[][] {
            {"{\"search\": {\"mode\": \"grid\", \"lora_r\": []}}", "key \"search.lora_r\": must list at least one value"
            },
            {"{\"mode\": \"bayes\"}", "key \"mode\": must be \"grid\" or \"random\", got \"bayes\""},
            {"{\"mode\": \"random\"}", "key \"trials\": must be positive for a random search, got 0"},
            {"{\"lora_r\": 8}", "key \"lora_r\": expected a list, got 8"},
            {
                "{\"lora_rank\": [8]}",
                "unknown key \"lora_rank\" (known: [batch_size, epochs, learning_rate, lora_alpha,"
                        + " lora_r, mode, reduction_factor, seed, trials])"
            }
        }) {
            Files.writeString(f, bad[0]);
            assertEquals(
                    f + ": " + bad[1],
                    assertThrows(IllegalArgumentException.class, () -> HyperGrid.read(f))
                            .getMessage());
        }
        HyperGridJson written = new HyperGridJson(
                "random", 2, 5L, List.of(1e-3), List.of(8), List.of(2), List.of(4), List.of(8.0), List.of(16));
        Json.OWN.write(f, written);
        assertEquals(written, Json.OWN.read(f, HyperGridJson.class));
        assertEquals(written.toGrid(), HyperGrid.read(f));
    }

    @Test
    void searchPicksTheBestValidationF1AndPointsOverrideTheTrainerConfig() {
        List<HyperParams> points = List.of(
                new HyperParams(1e-4, 8, 1, 4, 8, 16),
                new HyperParams(1e-3, 16, 2, 4, 8, 16),
                new HyperParams(1e-2, 32, 3, 4, 8, 16));
        HyperSearch.Outcome o = HyperSearch.run(
                points,
                p -> new TrainingResult(List.of(), 1, p.learningRate() == 1e-3 ? 0.9 : 0.5, Map.of(), 1, 1, false, 0));
        assertEquals(points.get(1), o.best().params());
        assertEquals(3, o.trials().size());
        TrainerConfig c = points.get(2).applyTo(TrainerConfig.defaults(5, 4, 1e-5, 1));
        assertEquals(32, c.batchSize());
        assertEquals(3, c.epochs());
        assertEquals(1e-2, c.learningRate());
    }
}
