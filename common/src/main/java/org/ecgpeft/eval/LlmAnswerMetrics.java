package org.ecgpeft.eval;

import java.util.List;

/** Scores ECG-LLM answers against labels; see {@link LlmAnswerReport} for how INVALID answers count. */
public final class LlmAnswerMetrics {

    private LlmAnswerMetrics() {}

    /**
     * @param labels  0/1 labels, one per answer
     * @param answers parsed answers, same order and length as the labels
     */
    public static LlmAnswerReport compute(int[] labels, List<ParsedAnswer> answers) {
        BinaryInputs.requireBinary(labels, "labels");
        if (answers == null) {
            throw new IllegalArgumentException("answers must not be null");
        }
        BinaryInputs.requireSameLength(labels.length, answers.size(), "answers");
        int[] predictions = new int[labels.length];
        long invalid = 0;
        for (int i = 0; i < labels.length; i++) {
            ParsedAnswer answer = answers.get(i);
            if (answer == null) {
                throw new IllegalArgumentException("answers[" + i + "] must not be null");
            }
            if (answer.isValid()) {
                predictions[i] = answer.label();
            } else {
                invalid++;
                predictions[i] = 1 - labels[i];
            }
        }
        return new LlmAnswerReport(BinaryMetrics.fromPredictions(labels, predictions), invalid);
    }

    /** Parses the raw answer texts with {@code parser}, then scores them as {@link #compute}. */
    public static LlmAnswerReport fromTexts(int[] labels, List<String> texts, AnswerParser parser) {
        if (texts == null || parser == null) {
            throw new IllegalArgumentException("texts and parser must not be null");
        }
        return compute(labels, texts.stream().map(parser::parse).toList());
    }
}
