package org.ecgpeft.report;

/**
 * A run's headline metric on one {@code ecg_records} version ({@code ecg_metrics} rows of one data version).
 *
 * @param runId          run id
 * @param recordsVersion the {@code ecg_records} version the evaluation scored
 * @param group          the split, or the group of records new since the run's training
 * @param value          the metric's value
 */
public record DriftPoint(String runId, long recordsVersion, String group, double value) {

    public DriftPoint {
        Require.text(runId, "drift.runId");
        Require.text(group, "drift[" + runId + "].group");
        if (recordsVersion < 0 || !Double.isFinite(value)) {
            throw new IllegalArgumentException("drift[" + runId
                    + "]: need records version >= 0 and a finite value, got v" + recordsVersion + " = " + value);
        }
    }
}
