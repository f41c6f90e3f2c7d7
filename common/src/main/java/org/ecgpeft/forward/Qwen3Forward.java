package org.ecgpeft.forward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecgpeft.model.nn.Module;
import org.ecgpeft.model.qwen3.Qwen3Checkpoint;
import org.ecgpeft.model.qwen3.Qwen3ForCausalLM;
import org.ecgpeft.tensor.TensorReader;

/**
 * The {@code forward} command for Qwen3 checkpoints: {@code input_ids} (and an optional {@code attention_mask})
 * give {@code logits}; {@code inputs_embeds} (the multimodal path) gives {@code embeds_logits}; the names are
 * those of the parity fixtures.
 */
public final class Qwen3Forward implements ForwardCommand.Family {

    @Override
    public Module load(Path checkpoint, NDManager manager) throws IOException {
        return Qwen3Checkpoint.load(checkpoint, manager, DataType.FLOAT32);
    }

    @Override
    public Map<String, NDArray> run(Module model, TensorReader inputs, NDManager manager) {
        if (!inputs.contains("input_ids") && !inputs.contains("inputs_embeds")) {
            throw new IllegalArgumentException(
                    "no 'input_ids' or 'inputs_embeds' tensor (found " + inputs.names() + ")");
        }
        Qwen3ForCausalLM lm = (Qwen3ForCausalLM) model;
        NDArray mask =
                inputs.contains("attention_mask") ? inputs.read("attention_mask", manager, DataType.INT64) : null;
        Map<String, NDArray> out = new LinkedHashMap<>();
        if (inputs.contains("input_ids")) {
            out.put("logits", lm.logits(inputs.read("input_ids", manager, DataType.INT64), mask, false));
        }
        if (inputs.contains("inputs_embeds")) {
            NDArray embeds = inputs.read("inputs_embeds", manager, DataType.FLOAT32);
            out.put("embeds_logits", lm.forward(embeds, mask, null, false));
        }
        return out;
    }
}
