package org.ecgpeft.report;

/**
 * Which evaluation the report headlines.
 *
 * @param split  split whose metrics are compared (normally {@code test})
 * @param level  {@code segment} or {@code record}
 * @param metric headline metric for the model x method table, ablation and trade-offs (normally {@code f1})
 */
public record ReportSettings(String split, String level, String metric) {

    public ReportSettings {
        Require.text(split, "report.split");
        Require.text(level, "report.level");
        if (!level.equals("segment") && !level.equals("record")) {
            throw new IllegalArgumentException("report.level must be segment or record, got " + level);
        }
        Require.text(metric, "report.metric");
    }

    /** Test split, segment level, F1. */
    public static ReportSettings defaults() {
        return new ReportSettings("test", "segment", "f1");
    }
}
