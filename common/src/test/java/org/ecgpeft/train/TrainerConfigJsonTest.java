package org.ecgpeft.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
