package org.ecgpeft.jobs.preprocess;

/** How segments are z-scored: each on its own (default) or with training-split statistics (ablation). */
public enum NormMode {
    /** Mean 0, std 1 within every segment. */
    PER_SEGMENT("per-segment"),
    /** One mean/std from all training-split samples, stored in {@code ecg_norm_stats}. */
    GLOBAL("global");

    private final String label;

    NormMode(String label) {
        this.label = label;
    }

    /** The name used on the command line and in the tables. */
    public String label() {
        return label;
    }

    /** Parses {@code per-segment} or {@code global}. */
    public static NormMode parse(String s) {
        for (NormMode m : values()) {
            if (m.label.equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--norm must be per-segment or global, got '" + s + "'");
    }
}
