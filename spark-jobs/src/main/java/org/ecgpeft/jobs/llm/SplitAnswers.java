package org.ecgpeft.jobs.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.eval.AggregationMode;
import org.ecgpeft.eval.AnswerParser;
import org.ecgpeft.eval.AnswerVote;
import org.ecgpeft.eval.BinaryMetrics;
import org.ecgpeft.eval.LlmAnswerMetrics;
import org.ecgpeft.eval.LlmAnswerReport;
import org.ecgpeft.eval.MetricReport;
import org.ecgpeft.eval.ParsedAnswer;
import org.ecgpeft.eval.RecordAggregator;
import org.ecgpeft.eval.RecordAnswers;
import org.ecgpeft.eval.SegmentPrediction;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;
import org.ecgpeft.train.llm.EcgLlmAnswerer;
import org.ecgpeft.train.llm.LlmComparison;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ECG-LLM's answers to one split of encoder features, parsed and scored next to the encoder alone on the
 * same windows: what train-llm does at the end of training and answer-llm does from a saved checkpoint, so
 * both write the same rows.
 *
 * <p>Per record, the encoder is scored by the mean of its windows' probabilities, AF at {@code >= 0.5}. The LLM's
 * record is the majority of its valid answers ({@link AnswerVote}): invalid answers do not vote, a record with no
 * valid answer is invalid (counted as wrong and in {@code invalid}), and a tie takes the encoder's record call.
 *
 * @param texts         the generated answers, in the split's (record_id, segment_idx) order
 * @param parsed        each answer parsed to AF / normal / invalid
 * @param llm           metrics of the parsed answers (invalid answers count as wrong)
 * @param encoder       the encoder alone (its 0.5-threshold predictions and probabilities)
 * @param llmRecords    the LLM per record (majority of valid answers)
 * @param encoderRecords the encoder alone per record
 */
record SplitAnswers(
        List<String> texts,
        List<ParsedAnswer> parsed,
        LlmAnswerReport llm,
        MetricReport encoder,
        RecordAnswers llmRecords,
        MetricReport encoderRecords) {
    private static final Logger LOG = LoggerFactory.getLogger(SplitAnswers.class);
    private static final double THRESHOLD = 0.5;

    /** Answers every row of {@code data} and scores the answers. */
    static SplitAnswers of(EcgLlmAnswerer answerer, AnswerParser parser, FeatureSplit data) {
        List<String> texts = answerer.answer(data.set());
        SplitAnswers answers = score(texts, texts.stream().map(parser::parse).toList(), data);
        LOG.info(new LlmComparison(answers.llm(), answers.encoder()).summary());
        MetricReport llmRecords = answers.llmRecords().report().metrics();
        LOG.info(
                "per record ({} records, {} without a valid answer, {} ties): LLM accuracy {}, F1 {}; encoder alone "
                        + "accuracy {}, F1 {}",
                llmRecords.n(),
                answers.llmRecords().report().invalid(),
                answers.llmRecords().ties(),
                fmt(llmRecords.accuracy()),
                fmt(llmRecords.f1()),
                fmt(answers.encoderRecords().accuracy()),
                fmt(answers.encoderRecords().f1()));
        texts.stream().distinct().limit(3).forEach(t -> LOG.info("answer: {}", t));
        return answers;
    }

    /** Scores answers already given and parsed, one per row of {@code data}. */
    private static SplitAnswers score(List<String> texts, List<ParsedAnswer> parsed, FeatureSplit data) {
        int[] labels = data.set().labels();
        return new SplitAnswers(
                texts,
                parsed,
                LlmAnswerMetrics.compute(labels, parsed),
                BinaryMetrics.compute(labels, data.set().encoderPred(), data.encoderProb()),
                AnswerVote.byRecord(data.recordIds(), labels, parsed, data.encoderProb(), THRESHOLD),
                perRecord(data.recordIds(), labels, data.encoderProb()));
    }

    /** The answers to some rows of {@code data} (indices in ascending order), scored on their own. */
    SplitAnswers subset(FeatureSplit data, int[] rows) {
        List<String> someTexts = new ArrayList<>(rows.length);
        List<ParsedAnswer> someParsed = new ArrayList<>(rows.length);
        for (int i : rows) {
            someTexts.add(texts.get(i));
            someParsed.add(parsed.get(i));
        }
        return score(someTexts, someParsed, data.subset(rows));
    }

    /** Record-level metrics from window probabilities: mean per record, AF at {@code >= 0.5}. */
    static MetricReport perRecord(String[] recordIds, int[] labels, double[] scores) {
        List<SegmentPrediction> windows = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            windows.add(new SegmentPrediction(recordIds[i], labels[i], scores[i]));
        }
        return BinaryMetrics.forRecords(
                new RecordAggregator(AggregationMode.MEAN_PROBABILITY, THRESHOLD).aggregate(windows));
    }

    /**
     * Writes the answers' metrics (levels {@code llm} and {@code llm-record}) next to the encoder's (levels
     * {@code segment} and {@code record}) into {@code ecg_metrics}, and one {@code ecg_predictions} row per
     * answer; both by MERGE.
     */
    void write(
            SparkSession spark,
            Lake lake,
            String runId,
            String encoderRun,
            String dataVersion,
            String split,
            FeatureSplit data) {
        new RunRegistry(spark, lake)
                .writeMetrics(
                        dataVersion,
                        List.of(
                                new RunRegistry.MetricSet(runId, split, RunRegistry.llmLevel("segment"), llm.asMap()),
                                new RunRegistry.MetricSet(
                                        runId, split, RunRegistry.llmLevel("record"), llmRecords.asMap()),
                                new RunRegistry.MetricSet(encoderRun, split, "segment", encoder.asMap()),
                                new RunRegistry.MetricSet(encoderRun, split, "record", encoderRecords.asMap())));
        lake.upsert(
                Table.ECG_PREDICTIONS,
                spark.createDataFrame(
                        LlmPredictions.rows(runId, dataVersion, split, data, parsed), Table.ECG_PREDICTIONS.schema()),
                List.of("split", "prob", "pred", "label"));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
