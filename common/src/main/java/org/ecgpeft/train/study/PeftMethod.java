package org.ecgpeft.train.study;

import java.util.Arrays;
import org.ecgpeft.peft.AdapterConfig;

/** The parameter-efficient fine-tuning methods of the study. */
public enum PeftMethod {
    /** LoRA on the attention projections. */
    LORA("lora", null),
    /** Bottleneck adapters after attention and feed-forward. */
    HOULSBY("houlsby", AdapterConfig.Style.HOULSBY),
    /** A bottleneck adapter after the feed-forward only. */
    PFEIFFER("pfeiffer", AdapterConfig.Style.PFEIFFER);

    private final String key;
    private final AdapterConfig.Style adapterStyle;

    PeftMethod(String key, AdapterConfig.Style adapterStyle) {
        this.key = key;
        this.adapterStyle = adapterStyle;
    }

    /** The name used in configs, run ids and the {@code ecg_models.peft} column. */
    public String key() {
        return key;
    }

    /** The adapter placement; only for the bottleneck methods. */
    public AdapterConfig.Style adapterStyle() {
        if (adapterStyle == null) {
            throw new IllegalStateException(key + " is not a bottleneck-adapter method");
        }
        return adapterStyle;
    }

    public boolean isLora() {
        return this == LORA;
    }

    /** Parses a method name ({@code lora}, {@code houlsby}, {@code pfeiffer}). */
    public static PeftMethod parse(String key) {
        return Arrays.stream(values())
                .filter(m -> m.key.equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown PEFT method '" + key + "' (known: "
                        + Arrays.stream(values()).map(PeftMethod::key).toList() + ")"));
    }
}
