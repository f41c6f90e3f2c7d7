package org.ecgpeft.report;

import java.util.Locale;

/** The two PEFT families the trade-off section compares, recognised from the stored method name. */
public enum PeftKind {
    /** Low-rank updates of frozen projections. */
    LORA("LoRA"),
    /** Bottleneck adapters (Houlsby, Pfeiffer). */
    ADAPTER("bottleneck adapters"),
    /** Anything else: full fine-tuning, frozen encoder with a head, none. */
    OTHER("other");

    private final String display;

    PeftKind(String display) {
        this.display = display;
    }

    /** Human-readable name for report text. */
    public String display() {
        return display;
    }

    /** Classifies a {@code peft} column value, e.g. {@code lora}, {@code lora-r16}, {@code houlsby}, {@code pfeiffer}. */
    public static PeftKind of(String peft) {
        String p = peft.toLowerCase(Locale.ROOT);
        if (p.contains("lora")) {
            return LORA;
        }
        if (p.contains("adapter") || p.contains("houlsby") || p.contains("pfeiffer")) {
            return ADAPTER;
        }
        return OTHER;
    }
}
