package org.ecgpeft.model.qwen3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.ecgpeft.tensor.CheckpointMismatchException;
import org.ecgpeft.tensor.Checkpoints;
import org.ecgpeft.tensor.TensorReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parity with HF transformers on the {@code qwen3-tiny} fixture (see fixtures/README.md). */
class Qwen3ParityTest {

    private static final Path DIR = Path.of("src/test/resources/fixtures/qwen3-tiny");
    private static final double TOL = 1e-4;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray io(String file, String name) throws IOException {
        try (TensorReader reader = Checkpoints.open(DIR.resolve(file))) {
            return reader.read(name, manager, null);
        }
    }

    private static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @Test
    void logitsFromIdsAndFromInputsEmbedsMatchHf() throws IOException {
        Qwen3ForCausalLM lm = Qwen3Checkpoint.load(DIR.resolve("hf_safetensors"), manager, DataType.FLOAT32);
        NDArray logits = lm.logits(io("io.safetensors", "input_ids"), null, false);
        assertTrue(maxDiff(logits, io("io.safetensors", "logits")) <= TOL);
        NDArray fromEmbeds = lm.forward(io("io.safetensors", "inputs_embeds"), null, null, false);
        assertTrue(maxDiff(fromEmbeds, io("io.safetensors", "embeds_logits")) <= TOL);
        assertEquals(0, lm.countParameters(true), "a loaded base is frozen");
    }

    @Test
    void greedyTokensMatchHfGenerateWithAndWithoutCache() throws IOException {
        Qwen3ForCausalLM lm = Qwen3Checkpoint.load(DIR.resolve("hf_safetensors"), manager, DataType.FLOAT32);
        long[] ids = io("io.safetensors", "input_ids").toLongArray();
        long[] expected = io("io.safetensors", "greedy_ids").toLongArray();
        int promptLength = expected.length - 8;
        long[] prompt = Arrays.copyOf(ids, promptLength);
        assertArrayEquals(prompt, Arrays.copyOf(expected, promptLength));
        long[] hfNew = Arrays.copyOfRange(expected, promptLength, expected.length);
        GreedyGenerator generator = new GreedyGenerator(lm);
        GenerationConfig config = GenerationConfig.greedy(8, Set.of(), 0);
        assertArrayEquals(hfNew, generator.generate(List.of(prompt), config).get(0));
        assertArrayEquals(
                hfNew,
                generator.generate(List.of(prompt), config.withCache(false)).get(0));
    }

    @Test
    void bf16ShardsLoadIntoFp32AndFp16() throws IOException {
        NDArray expected = io("io_bf16.safetensors", "logits");
        NDArray ids = io("io_bf16.safetensors", "input_ids");
        Qwen3ForCausalLM fp32 = Qwen3Checkpoint.load(DIR.resolve("hf_bf16_sharded"), manager, DataType.FLOAT32);
        assertTrue(maxDiff(fp32.logits(ids, null, false), expected) <= TOL);
        // FP16 storage holds these bf16 weights exactly; only FP16 matmul rounding remains.
        Qwen3ForCausalLM fp16 = Qwen3Checkpoint.load(DIR.resolve("hf_bf16_sharded"), manager, DataType.FLOAT16);
        assertEquals(
                DataType.FLOAT16,
                fp16.namedParameters().get("lm_head.weight").getArray().getDataType());
        float scale = expected.abs().max().getFloat();
        assertTrue(maxDiff(fp16.logits(ids, null, false), expected) <= 1e-2 * scale);
    }

    @Test
    void aCheckpointOfAnotherShapeIsRejectedWithTheParameterName() throws IOException {
        Qwen3Config wider = new Qwen3Config(64, 256, 2, 4, 2, 16, 1e-6, 1e6, 512, 512, false, false);
        Qwen3ForCausalLM lm = new Qwen3ForCausalLM(wider);
        lm.materialize(manager, DataType.FLOAT32, false);
        try (TensorReader reader = Checkpoints.open(DIR.resolve("hf_safetensors"))) {
            CheckpointMismatchException e =
                    assertThrows(CheckpointMismatchException.class, () -> Qwen3Checkpoint.loadWeights(lm, reader));
            assertTrue(e.getMessage().contains("mlp.gate_proj.weight"), e.getMessage());
        }
    }
}
