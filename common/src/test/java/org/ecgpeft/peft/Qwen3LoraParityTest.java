package org.ecgpeft.peft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import org.ecgpeft.model.qwen3.Qwen3Checkpoint;
import org.ecgpeft.model.qwen3.Qwen3ForCausalLM;
import org.ecgpeft.train.WeightedCrossEntropy;
import org.junit.jupiter.api.Test;

/** HF peft LoRA on the 7 projections of Qwen3: same causal-LM loss and gradients as PyTorch (fixture). */
class Qwen3LoraParityTest {

    @Test
    void causalLmLossAndEveryLoraGradientMatchPeft() throws Exception {
        Path fixture = LoraConfigFileTest.FIXTURES.resolve("qwen3-tiny");
        try (NDManager m = NDManager.newBaseManager()) {
            Qwen3ForCausalLM lm = Qwen3Checkpoint.load(fixture.resolve("hf_safetensors"), m, DataType.FLOAT32);
            PeftParity.check(fixture, lm, m, io -> {
                NDArray ids = io.get("input_ids");
                NDArray logits = lm.logits(ids, null, false);
                long vocab = logits.getShape().get(2);
                // HF's causal-LM loss: position t predicts token t + 1, mean over all shifted positions.
                NDArray shifted = logits.get(":, :-1, :").reshape(-1, vocab);
                long[] next = ids.get(":, 1:").toLongArray();
                int[] labels = new int[next.length];
                for (int i = 0; i < next.length; i++) {
                    labels[i] = (int) next[i];
                }
                return new WeightedCrossEntropy(null).loss(shifted, labels, 1.0);
            });
            assertEquals(2 * 7, Lora.attached(lm).size());
        }
    }

    @Test
    void fp32LoraOverAnFp16BaseGivesNearlyTheFp32Logits() throws Exception {
        Path fixture = LoraConfigFileTest.FIXTURES.resolve("qwen3-tiny");
        try (NDManager m = NDManager.newBaseManager()) {
            Qwen3ForCausalLM half = Qwen3Checkpoint.load(fixture.resolve("hf_safetensors"), m, DataType.FLOAT16);
            LoraAdapterFiles.load(fixture.resolve("peft_lora"), half);
            LoraLinear q = Lora.attached(half).values().iterator().next();
            assertEquals(DataType.FLOAT32, q.loraA().weight().getArray().getDataType());
            NDArray ids = TensorFiles.read(fixture.resolve("peft_lora_io.safetensors"), m)
                    .get("input_ids");
            NDArray expected = TensorFiles.read(fixture.resolve("peft_lora_io.safetensors"), m)
                    .get("logits");
            NDArray logits = half.logits(ids, null, false).toType(DataType.FLOAT32, false);
            float maxDiff = logits.sub(expected).abs().max().getFloat();
            assertTrue(maxDiff < 1e-2f, "FP16 base + FP32 LoRA differs from FP32 peft by " + maxDiff);
        }
    }
}
