package org.ecgpeft.train.mscnn;

import org.ecgpeft.eval.MetricReport;

/**
 * Figures of one split at both levels.
 *
 * @param segment every evaluation window on its own
 * @param record one prediction per record from its windows' mean AF probability
 * @param windows number of windows
 * @param records number of records
 */
public record SplitEvaluation(MetricReport segment, MetricReport record, int windows, int records) {}
