package org.ecgpeft.jobs.llm;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.ecgpeft.eval.ParsedAnswer;

/**
 * {@code ecg_predictions} rows for parsed ECG-LLM answers. A text answer has no probability, so
 * {@code prob} is 1 for an AF answer, 0 for a normal one and 0.5 for an INVALID one (the column is not
 * nullable, and 0.5 ranks it between the two). An INVALID answer's {@code pred} is the class opposite to
 * the label, as {@link org.ecgpeft.eval.LlmAnswerMetrics} counts it, so metrics recomputed from the table
 * equal the job's; the {@code invalid}/{@code invalid_rate} metrics say how many there were.
 */
final class LlmPredictions {
    private LlmPredictions() {}

    /** The {@code prob} an answer is stored with: 1 AF, 0 normal, 0.5 invalid. */
    static double score(ParsedAnswer a) {
        return switch (a) {
            case POSITIVE -> 1.0;
            case NEGATIVE -> 0.0;
            case INVALID -> 0.5;
        };
    }

    static List<Row> rows(
            String runId, String dataVersion, String split, FeatureSplit data, List<ParsedAnswer> answers) {
        int[] labels = data.set().labels();
        List<Row> rows = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            ParsedAnswer a = answers.get(i);
            double prob = score(a);
            int pred = a.isValid() ? a.label() : 1 - labels[i];
            rows.add(RowFactory.create(
                    runId, data.recordIds()[i], data.segmentIdx()[i], split, prob, pred, labels[i], dataVersion));
        }
        return rows;
    }
}
