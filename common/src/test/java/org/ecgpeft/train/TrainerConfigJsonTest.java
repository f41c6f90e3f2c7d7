package org.ecgpeft.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ecgpeft.config.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainerConfigJsonTest {

    @Test
    void trainerSectionOfTheStudyConfigIsReadAndTyposAreRejected(@TempDir Path dir) throws Exception {
        TrainerConfig c = TrainerConfigJson.read(Path.of("../conf/peft-study.json"));
        assertEquals(10, c.epochs());
        assertEquals(1e-4, c.learningRate());
        assertEquals(LrSchedule.Kind.LINEAR, c.schedule());
        assertEquals(0.01, c.optimizer().weightDecay());
        assertEquals(64, c.evalBatchSize());
        Path f = dir.resolve("t.json");
        Files.writeString(f, "{\"trainer\": {\"learning_rte\": 0.1}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainerConfigJson.read(f));
        assertTrue(e.getMessage().contains("learning_rte"), e.getMessage());
        Files.writeString(f, "{\"schedule\": \"cosine\", \"batch_size\": 8}");
        assertEquals(LrSchedule.Kind.COSINE, TrainerConfigJson.read(f).schedule());
        assertEquals(8, TrainerConfigJson.read(f).batchSize());
    }

    @Test
    void writtenConfigsReadBackEqual(@TempDir Path dir) throws Exception {
        TrainerConfigJson c = new TrainerConfigJson(
                3, 8, 2, 0.001, 0.02, 0.8, 0.99, 1e-7, "cosine", 0.2, 0.5, false, true, 1, 99L, 5, 16);
        Path f = dir.resolve("t.json");
        Json.OWN.write(f, c);
        assertEquals(c, Json.OWN.read(f, TrainerConfigJson.class));
        TrainerConfig read = TrainerConfigJson.read(f);
        assertEquals(0.8, read.optimizer().beta1());
        assertEquals(99L, read.seed());
        assertEquals(LrSchedule.Kind.COSINE, read.schedule());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'trainer': {'epochs': 'ten'}} | key \"trainer.epochs\": expected an integer, got \"ten\"",
                "{'trainer': {'epochs': 2.5}} | key \"trainer.epochs\": expected an integer, got 2.5",
                "{'trainer': {'oversample': 'yes'}} | key \"trainer.oversample\": expected true or false, got \"yes\"",
                "{'trainer': {'schedule': 'step'}} | key \"trainer.schedule\": must be one of [constant, linear, cosine], got \"step\"",
                "{'trainer': {'epochs': 0}} | key \"trainer\": epochs must be positive, got 0",
                "{'trainer': {'learning_rte': 0.1}} | unknown key \"trainer.learning_rte\" (known: [accumulation_steps, ",
                "{'warmup_ratio': 1.5} | warmup_ratio must be in [0, 1), got 1.5",
            })
    void badKeysAreNamedWithTheirPath(String body, String expected, @TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("t.json"), body.replace('\'', '"'));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainerConfigJson.read(f));
        assertTrue(e.getMessage().startsWith(f + ": " + expected), e.getMessage());
    }
}
