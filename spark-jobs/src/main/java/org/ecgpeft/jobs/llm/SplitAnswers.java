package org.ecgpeft.jobs.llm;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.eval.AnswerParser;
import org.ecgpeft.eval.BinaryMetrics;
import org.ecgpeft.eval.LlmAnswerMetrics;
import org.ecgpeft.eval.LlmAnswerReport;
import org.ecgpeft.eval.MetricReport;
import org.ecgpeft.eval.ParsedAnswer;
import org.ecgpeft.jobs.encoder.RunTables;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.train.llm.EcgLlmAnswerer;
import org.ecgpeft.train.llm.LlmComparison;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ECG-LLM's answers to one split of encoder features, parsed and scored next to the encoder alone on the
 * same windows: what train-llm does at the end of training and answer-llm does from a saved checkpoint, so
 * both write the same rows.
 *
 * @param texts   the generated answers, in the split's (record_id, segment_idx) order
 * @param parsed  each answer parsed to AF / normal / invalid
 * @param llm     metrics of the parsed answers (invalid answers count as wrong)
 * @param encoder the encoder alone (its 0.5-threshold predictions and probabilities)
 */
record SplitAnswers(List<String> texts, List<ParsedAnswer> parsed, LlmAnswerReport llm, MetricReport encoder) {
  private static final Logger LOG = LoggerFactory.getLogger(SplitAnswers.class);

  /** Answers every row of {@code data} and scores the answers. */
  static SplitAnswers of(EcgLlmAnswerer answerer, AnswerParser parser, FeatureSplit data) {
    List<String> texts = answerer.answer(data.set());
    List<ParsedAnswer> parsed = texts.stream().map(parser::parse).toList();
    int[] labels = data.set().labels();
    SplitAnswers answers = new SplitAnswers(texts, parsed, LlmAnswerMetrics.compute(labels, parsed),
        BinaryMetrics.compute(labels, data.set().encoderPred(), data.encoderProb()));
    LOG.info(new LlmComparison(answers.llm(), answers.encoder()).summary());
    texts.stream().distinct().limit(3).forEach(t -> LOG.info("answer: {}", t));
    return answers;
  }

  /**
   * Writes the answers' metrics (level {@code llm}) next to the encoder's (level {@code segment}) into
   * {@code ecg_metrics}, and one {@code ecg_predictions} row per answer; both by MERGE.
   */
  void write(SparkSession spark, Lake lake, String runId, String encoderRun, String dataVersion, String split,
      FeatureSplit data) {
    new RunTables(spark, lake).writeMetrics(dataVersion, List.of(
        new RunTables.MetricSet(runId, split, "llm", llm.asMap()),
        new RunTables.MetricSet(encoderRun, split, "segment", encoder.asMap())));
    lake.upsert(Table.ECG_PREDICTIONS, spark.createDataFrame(
        LlmPredictions.rows(runId, dataVersion, split, data, parsed), Table.ECG_PREDICTIONS.schema()),
        List.of("split", "prob", "pred", "label"));
  }
}
