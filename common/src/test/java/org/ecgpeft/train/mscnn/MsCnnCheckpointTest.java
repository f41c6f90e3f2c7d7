package org.ecgpeft.train.mscnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ecgpeft.config.Json;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MsCnnCheckpointTest {

    private static final MsCnnConfig SMALL = new MsCnnConfig(600, 3, 5, List.of(4, 8), List.of(1, 2), 6, 0.2f, 2);

    @Test
    void roundTripGivesIdenticalLogitsAndFeatures(@TempDir Path dir) throws IOException {
        Engine.getInstance().setRandomSeed(4);
        try (NDManager m = NDManager.newBaseManager()) {
            MsCnn net = new MsCnn(SMALL);
            net.materialize(m, DataType.FLOAT32, true);
            NDArray x = m.randomNormal(new Shape(3, 600));
            // A training pass moves the BatchNorm running statistics away from their initial values.
            net.forward(x.mul(2).add(1), true);
            MsCnn.Output before = net.forward(x, false);
            MsCnnCheckpoint.save(dir, net);

            MsCnn loaded = MsCnnCheckpoint.load(dir, m);
            assertEquals(SMALL, loaded.config());
            MsCnn.Output after = loaded.forward(x, false);
            assertArrayEquals(before.logits().toFloatArray(), after.logits().toFloatArray(), 0f);
            assertArrayEquals(before.features().toFloatArray(), after.features().toFloatArray(), 0f);
            assertTrue(loaded.trainableParameters().isEmpty(), "a loaded encoder is frozen");
            float[] runningMean = loaded.namedParameters()
                    .get("stream1.blocks.0.0.bn.running_mean")
                    .getArray()
                    .toFloatArray();
            assertFalse(runningMean[0] == 0f && runningMean[1] == 0f, "running statistics are part of the checkpoint");
        }
    }

    @Test
    void aMissingFolderIsNamed(@TempDir Path dir) {
        try (NDManager m = NDManager.newBaseManager()) {
            IOException e = assertThrows(IOException.class, () -> MsCnnCheckpoint.load(dir.resolve("nope"), m));
            assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("config.json"), e.getMessage());
        }
    }

    @Test
    void aBadConfigNamesTheFileAndTheKey(@TempDir Path dir) throws IOException {
        MsCnnConfig config = MsCnnConfig.compact(5);
        Path file = dir.resolve(MsCnnCheckpoint.CONFIG);
        Json.OWN.write(file, config);
        assertEquals(config, MsCnnCheckpoint.readConfig(dir));
        String json = Files.readString(file);
        Files.writeString(file, json.replace("\"hidden\" : ", "\"hiden\" : "));
        IOException e = assertThrows(IOException.class, () -> MsCnnCheckpoint.readConfig(dir));
        assertTrue(
                e.getMessage().startsWith("cannot read MS-CNN config " + file + ": unknown key \"hiden\""),
                e.getMessage());
        Files.writeString(file, json.replace("\"inputLength\" : 2400", "\"inputLength\" : \"2400\""));
        e = assertThrows(IOException.class, () -> MsCnnCheckpoint.readConfig(dir));
        assertEquals(
                "cannot read MS-CNN config " + file + ": key \"inputLength\": expected an integer, got \"2400\"",
                e.getMessage());
    }
}
