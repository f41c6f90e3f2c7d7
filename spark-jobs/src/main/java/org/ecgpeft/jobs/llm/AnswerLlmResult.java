package org.ecgpeft.jobs.llm;

import org.ecgpeft.eval.LlmAnswerReport;
import org.ecgpeft.eval.MetricReport;

/**
 * What the answer-llm job produced.
 *
 * @param runId      the ECG-LLM run that answered
 * @param split      the split answered
 * @param answers    rows answered
 * @param stored     rows that already had an answer of this run in {@code ecg_predictions}
 * @param identical  of those, rows whose new answer parses to the same class (AF, normal or invalid)
 * @param llm        the parsed answers' metrics
 * @param encoder    the encoder alone on the same windows
 */
public record AnswerLlmResult(
        String runId,
        String split,
        int answers,
        int stored,
        int identical,
        LlmAnswerReport llm,
        MetricReport encoder) {}
