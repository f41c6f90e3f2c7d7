package org.ecgpeft.report;

/** Report sections that embed charts. */
public enum ChartSection {
    /** Grouped metric bars. */
    METRICS,
    /** Per-segment vs global normalisation bars. */
    NORM_ABLATION,
    /** Training and validation curves. */
    CURVES,
    /** Confusion-matrix heat maps. */
    CONFUSION,
    /** ROC curves. */
    ROC,
    /** Cost vs quality scatter plots. */
    TRADE_OFF,
    /** Metrics per records version. */
    DRIFT
}
