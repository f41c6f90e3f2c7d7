package org.ecgpeft.report;

/**
 * Binary confusion counts of one run on one split/level; positive = atrial fibrillation.
 *
 * @param runId run id
 * @param split split evaluated
 * @param level {@code segment} or {@code record}
 * @param tp    AF predicted AF
 * @param fp    normal predicted AF
 * @param tn    normal predicted normal
 * @param fn    AF predicted normal
 */
public record ConfusionCounts(String runId, String split, String level, long tp, long fp, long tn, long fn) {

    public ConfusionCounts {
        Require.text(runId, "confusion.runId");
        String where = "confusion[" + runId + "].";
        Require.text(split, where + "split");
        Require.text(level, where + "level");
        Require.nonNegative(tp, where + "tp");
        Require.nonNegative(fp, where + "fp");
        Require.nonNegative(tn, where + "tn");
        Require.nonNegative(fn, where + "fn");
    }

    /** All counted examples. */
    public long total() {
        return tp + fp + tn + fn;
    }
}
