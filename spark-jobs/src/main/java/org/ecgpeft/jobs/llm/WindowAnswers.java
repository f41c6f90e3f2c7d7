package org.ecgpeft.jobs.llm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ecgpeft.lake.runs.RunRegistry;

/**
 * An ECG-LLM run's answers to encoded windows of any splits, for evaluate and reevaluate: every window is
 * answered once (as answer-llm answers one split); from the answers come the {@code ecg_predictions} rows
 * ({@link LlmPredictions}) and the LLM's metrics for any group of records, at the levels train-llm and
 * answer-llm write ({@code llm} per window, {@code llm-record} per record by majority vote).
 */
public final class WindowAnswers {
    private final FeatureSplit data;
    private final Map<String, String> splitOfRecord;
    private final SplitAnswers answers;

    private WindowAnswers(FeatureSplit data, Map<String, String> splitOfRecord, SplitAnswers answers) {
        this.data = data;
        this.splitOfRecord = splitOfRecord;
        this.answers = answers;
    }

    /**
     * Answers every row of {@code encoded}: columns record_id, segment_idx, split (one per record), label,
     * features and the encoder's AF probability {@code prob}, as the features job makes them.
     *
     * @throws IllegalStateException when {@code encoded} has no row
     */
    public static WindowAnswers answer(SavedEcgLlm llm, Dataset<Row> encoded) {
        FeatureSplit data = FeatureSplit.collectAll(encoded, "no encoded windows for ECG-LLM run " + llm.runId());
        Map<String, String> splitOfRecord = new HashMap<>();
        for (Row r : encoded.select("record_id", "split").distinct().collectAsList()) {
            splitOfRecord.put(r.getString(0), r.getString(1));
        }
        return new WindowAnswers(data, splitOfRecord, llm.answer(data));
    }

    /** Windows answered. */
    public int size() {
        return answers.parsed().size();
    }

    /** One {@code ecg_predictions} row per answer (schema of the table), each with its record's split. */
    public List<Row> predictions(String runId, String dataVersion) {
        List<Row> rows = new ArrayList<>(size());
        for (String split : splits()) {
            int[] picked = rows(id -> split.equals(splitOfRecord.get(id)));
            rows.addAll(LlmPredictions.rows(
                    runId,
                    dataVersion,
                    split,
                    data.subset(picked),
                    Arrays.stream(picked).mapToObj(answers.parsed()::get).toList()));
        }
        return rows;
    }

    /** The splits answered, sorted. */
    public List<String> splits() {
        return List.copyOf(new TreeSet<>(splitOfRecord.values()));
    }

    /**
     * The metrics of the answers to the windows of the records {@code inGroup} accepts: level ({@code llm},
     * {@code llm-record}) to metric to value; empty when the group has no window.
     */
    public Map<String, Map<String, Double>> metrics(Predicate<String> inGroup) {
        int[] picked = rows(inGroup);
        if (picked.length == 0) {
            return Map.of();
        }
        SplitAnswers group = answers.subset(data, picked);
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        out.put(RunRegistry.llmLevel("segment"), group.llm().asMap());
        out.put(RunRegistry.llmLevel("record"), group.llmRecords().asMap());
        return out;
    }

    /** The metrics of one split's answers (see {@link #metrics(Predicate)}). */
    public Map<String, Map<String, Double>> splitMetrics(String split) {
        return metrics(id -> split.equals(splitOfRecord.get(id)));
    }

    private int[] rows(Predicate<String> inGroup) {
        return IntStream.range(0, data.recordIds().length)
                .filter(i -> inGroup.test(data.recordIds()[i]))
                .toArray();
    }
}
