package org.ecgpeft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDictLoaderTest {

    private static final float[] WEIGHT = {1, 2, 3, -1, 0.5f, 0.25f};
    private static final float[] BIAS = {10, -10};

    @TempDir
    Path tmp;

    private NDManager manager;
    private Path checkpoint;

    @BeforeEach
    void writeCheckpoint() throws IOException {
        manager = NDManager.newBaseManager();
        checkpoint = tmp.resolve("fc.safetensors");
        try (NDManager scratch = manager.newSubManager()) {
            SafetensorsWriter.write(
                    checkpoint,
                    Map.of(
                            "fc.weight", scratch.create(WEIGHT, new Shape(2, 3)),
                            "fc.bias", scratch.create(BIAS),
                            "aux.weight", scratch.create(new float[] {9})),
                    Map.of());
        }
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static Map<String, Parameter> parametersOf(Linear linear) {
        Map<String, Parameter> targets = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : linear.getParameters()) {
            targets.put(p.getKey(), p.getValue());
        }
        return targets;
    }

    private Linear initializedLinear() {
        Linear linear = Linear.builder().setUnits(2).build();
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        return linear;
    }

    @Test
    void overwritesAnInitializedBlockInPlaceKeepingGradientFlags() throws IOException {
        Linear linear = initializedLinear();
        Map<String, Parameter> targets = parametersOf(linear);
        targets.get("weight").freeze(true);
        NDArray weightArray = targets.get("weight").getArray();
        KeyMapping mapping =
                KeyMapping.builder().ignore("^aux\\.").stripPrefix("fc.").build();
        LoadReport report;
        try (TensorReader reader = Checkpoints.open(checkpoint)) {
            report = StateDictLoader.strict(mapping).load(reader, targets, manager, null);
        }
        assertEquals(new LoadReport(List.of("bias", "weight"), List.of(), List.of(), List.of("aux.weight")), report);
        assertTrue(report.isComplete());
        assertTrue(weightArray == targets.get("weight").getArray(), "the parameter keeps its array object");
        assertArrayEquals(WEIGHT, targets.get("weight").getArray().toFloatArray());
        assertFalse(targets.get("weight").getArray().hasGradient());
        assertTrue(targets.get("bias").getArray().hasGradient());
        // y = W x + b with x = (1, 1, 1): (6 + 10, -0.25 - 10)
        NDArray y = linear.forward(new ParameterStore(manager, false), new NDList(manager.ones(new Shape(1, 3))), false)
                .singletonOrThrow();
        assertArrayEquals(new float[] {16f, -10.25f}, y.toFloatArray(), 1e-6f);
    }

    @Test
    void uninitializedParameterGetsANewArrayOfTheRequestedType() throws IOException {
        Parameter weight = Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .build();
        Map<String, Parameter> targets = Map.of("fc.weight", weight);
        try (TensorReader reader = Checkpoints.open(checkpoint)) {
            LoadReport report =
                    StateDictLoader.lenient(KeyMapping.identity()).load(reader, targets, manager, DataType.FLOAT16);
            assertEquals(List.of("aux.weight", "fc.bias"), report.unexpected());
            assertFalse(report.isComplete());
        }
        assertEquals(DataType.FLOAT16, weight.getArray().getDataType());
        assertEquals(new Shape(2, 3), weight.getArray().getShape());
        assertArrayEquals(
                WEIGHT, weight.getArray().toType(DataType.FLOAT32, false).toFloatArray());
        assertTrue(weight.getArray().hasGradient());
    }

    @Test
    void strictLoadFailsBeforeTouchingAnythingAndListsKeysSorted() throws IOException {
        Linear linear = initializedLinear();
        Map<String, Parameter> targets = parametersOf(linear);
        float[] before = targets.get("weight").getArray().toFloatArray();
        try (TensorReader reader = Checkpoints.open(checkpoint)) {
            CheckpointMismatchException e = assertThrows(
                    CheckpointMismatchException.class,
                    () -> StateDictLoader.strict(KeyMapping.identity()).load(reader, targets, manager, null));
            assertEquals(List.of("bias", "weight"), e.missing());
            assertEquals(List.of("aux.weight", "fc.bias", "fc.weight"), e.unexpected());
            assertTrue(e.getMessage().contains("2 missing: [bias, weight]"), e.getMessage());
            assertTrue(e.getMessage().contains("3 unexpected: [aux.weight, fc.bias, fc.weight]"), e.getMessage());
            assertTrue(e.getMessage().contains(checkpoint.toString()), e.getMessage());
        }
        assertArrayEquals(before, targets.get("weight").getArray().toFloatArray());
    }

    @Test
    void shapeMismatchFailsEvenWhenLenientAndNamesBothShapes() throws IOException {
        Linear linear = Linear.builder().setUnits(3).build();
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
        KeyMapping mapping =
                KeyMapping.builder().ignore("^aux\\.").stripPrefix("fc.").build();
        try (TensorReader reader = Checkpoints.open(checkpoint)) {
            CheckpointMismatchException e = assertThrows(
                    CheckpointMismatchException.class,
                    () -> StateDictLoader.lenient(mapping).load(reader, parametersOf(linear), manager, null));
            assertEquals(2, e.shapeMismatches().size());
            assertTrue(e.getMessage().contains("weight: expected (3, 2) found (2, 3)"), e.getMessage());
            assertTrue(e.getMessage().contains("bias: expected (3) found (2)"), e.getMessage());
        }
    }

    @Test
    void explicitDtypeThatDiffersFromAnInitializedParameterIsRefused() throws IOException {
        Linear linear = initializedLinear();
        KeyMapping mapping =
                KeyMapping.builder().ignore("^aux\\.").stripPrefix("fc.").build();
        try (TensorReader reader = Checkpoints.open(checkpoint)) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> StateDictLoader.strict(mapping)
                            .load(reader, parametersOf(linear), manager, DataType.FLOAT16));
            assertTrue(e.getMessage().contains("float32") || e.getMessage().contains("FLOAT32"), e.getMessage());
        }
    }

    @Test
    void twoKeysForOneTargetAreRefused() throws IOException {
        Parameter weight =
                Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        KeyMapping mapping = KeyMapping.builder().rename("^(fc|aux)\\.", "").build();
        try (TensorReader reader = Checkpoints.open(checkpoint)) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> StateDictLoader.lenient(mapping).load(reader, Map.of("weight", weight), manager, null));
            assertTrue(
                    e.getMessage().contains("'aux.weight'") && e.getMessage().contains("'fc.weight'"), e.getMessage());
        }
    }
}
