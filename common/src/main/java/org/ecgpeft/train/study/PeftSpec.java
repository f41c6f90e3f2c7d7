package org.ecgpeft.train.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ecgpeft.peft.AdapterConfig;
import org.ecgpeft.peft.LoraConfig;

/**
 * The PEFT part of one run: the method and its hyper-parameters. LoRA goes on the attention projections
 * {@code q_proj, k_proj, v_proj, out_proj}; bottleneck adapters use the method's style.
 *
 * @param method LoRA, Houlsby or Pfeiffer
 * @param loraR LoRA rank (LoRA only)
 * @param loraAlpha LoRA scaling numerator (LoRA only)
 * @param loraDropout dropout on the LoRA branch input (LoRA only)
 * @param reductionFactor hidden size / bottleneck width (adapters only)
 * @param adapterActivation the adapters' activation by HF name (adapters only)
 */
public record PeftSpec(
        PeftMethod method,
        int loraR,
        double loraAlpha,
        double loraDropout,
        int reductionFactor,
        String adapterActivation) {

    /** The LoRA target modules (HF peft's {@code target_modules}). */
    public static final List<String> LORA_TARGETS = List.of("q_proj", "k_proj", "v_proj", "out_proj");

    public PeftSpec {
        Objects.requireNonNull(method, "method");
        // Building the peft package's configs validates every value with its own message.
        if (method.isLora()) {
            LoraConfig.of(loraR, loraAlpha, loraDropout, LORA_TARGETS, List.of());
        } else {
            new AdapterConfig(
                    method.adapterStyle(),
                    reductionFactor,
                    adapterActivation,
                    false,
                    AdapterConfig.UpInit.NORMAL,
                    List.of());
        }
    }

    /** The LoRA config with the head as {@code modules_to_save}. */
    public LoraConfig loraConfig(List<String> headModules) {
        return LoraConfig.of(loraR, loraAlpha, loraDropout, LORA_TARGETS, headModules);
    }

    /**
     * The adapter config with the head as {@code modules_to_save}. The up-projection starts at N(0, 0.01): nearly
     * the identity, but with gradients reaching the down-projection from the first step.
     */
    public AdapterConfig adapterConfig(List<String> headModules) {
        return new AdapterConfig(
                method.adapterStyle(),
                reductionFactor,
                adapterActivation,
                false,
                AdapterConfig.UpInit.NORMAL,
                headModules);
    }

    /** The method's own hyper-parameters by config key (the others do not apply and are left out). */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        if (method.isLora()) {
            m.put("lora_r", Integer.toString(loraR));
            m.put("lora_alpha", Double.toString(loraAlpha));
            m.put("lora_dropout", Double.toString(loraDropout));
        } else {
            m.put("reduction_factor", Integer.toString(reductionFactor));
            m.put("adapter_activation", adapterActivation);
        }
        return m;
    }
}
