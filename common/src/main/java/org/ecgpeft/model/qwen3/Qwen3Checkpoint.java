package org.ecgpeft.model.qwen3;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import org.ecgpeft.tensor.Checkpoints;
import org.ecgpeft.tensor.KeyMapping;
import org.ecgpeft.tensor.LoadReport;
import org.ecgpeft.tensor.StateDictLoader;
import org.ecgpeft.tensor.TensorReader;

/**
 * Loads a Hugging Face Qwen3 checkpoint folder ({@code config.json} plus {@code model.safetensors} or
 * sharded {@code model-*.safetensors} with {@code model.safetensors.index.json}) into a
 * {@link Qwen3ForCausalLM}. The model is allocated once in the requested dtype and each checkpoint
 * tensor is then read on its own (BF16 widened in Java) and copied into its parameter in place, so an
 * 8B model never exists twice in memory.
 */
public final class Qwen3Checkpoint {

    private Qwen3Checkpoint() {}

    /**
     * Builds the model described by {@code folder/config.json} with frozen base weights of {@code dtype}
     * (FLOAT16 or FLOAT32) on {@code manager}'s device and fills it from the folder's checkpoint.
     * The base is frozen because only PEFT modules (attached later, in FP32) are trained; freezing before
     * allocation keeps autograd from ever tracking the base weights.
     */
    public static Qwen3ForCausalLM load(Path folder, NDManager manager, DataType dtype) throws IOException {
        if (dtype != DataType.FLOAT16 && dtype != DataType.FLOAT32) {
            throw new IllegalArgumentException("Qwen3 base weights are stored as FLOAT16 or FLOAT32, not " + dtype);
        }
        Qwen3ForCausalLM lm = new Qwen3ForCausalLM(Qwen3Config.load(folder));
        lm.setTrainable(false);
        lm.materialize(manager, dtype, false);
        try (TensorReader reader = Checkpoints.open(folder)) {
            loadWeights(lm, reader);
        }
        return lm;
    }

    /**
     * Copies every tensor of {@code reader} into the materialized {@code lm}, in place and in each
     * parameter's dtype. Strict: a missing or unexpected tensor or a wrong shape fails before anything is
     * copied. A tied model ignores a stored {@code lm_head.weight} (HF drops it when saving tied weights,
     * but some exports keep the duplicate).
     */
    public static LoadReport loadWeights(Qwen3ForCausalLM lm, TensorReader reader) {
        KeyMapping.Builder mapping = KeyMapping.builder();
        if (lm.config().tieWordEmbeddings()) {
            mapping.ignore("^lm_head\\.weight$");
        }
        NDManager manager = lm.model().embedTokens().weight().getArray().getManager();
        return StateDictLoader.strict(mapping.build()).load(reader, lm.namedParameters(), manager, null);
    }
}
