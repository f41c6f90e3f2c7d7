package org.ecgpeft.ecgllm;

import java.util.Locale;
import org.ecgpeft.eval.AnswerParser;
import org.ecgpeft.eval.AnswerVocabulary;
import org.ecgpeft.eval.ParsedAnswer;

/**
 * The instruction and the two answers the ECG-LLM is taught, with the placeholder whose embedding is replaced
 * by the projected ECG feature. The Chinese wording is the users' own; English is offered for other teams.
 *
 * @param instruction the user turn, containing {@link #PLACEHOLDER} exactly once
 * @param normalAnswer the answer for label 0
 * @param afAnswer the answer for label 1 (atrial fibrillation)
 * @param vocabulary the markers that read a generated answer back into a label
 */
public record PromptTemplate(String instruction, String normalAnswer, String afAnswer, AnswerVocabulary vocabulary) {

    /** The special token whose input embedding becomes the ECG feature. */
    public static final String PLACEHOLDER = "<|ecg_feature|>";

    public PromptTemplate {
        int first = instruction.indexOf(PLACEHOLDER);
        if (first < 0 || instruction.indexOf(PLACEHOLDER, first + 1) >= 0) {
            throw new IllegalArgumentException(
                    "prompt instruction must contain " + PLACEHOLDER + " exactly once: " + instruction);
        }
        if (normalAnswer.isBlank() || afAnswer.isBlank() || normalAnswer.equals(afAnswer)) {
            throw new IllegalArgumentException("prompt answers must be two different non-empty strings");
        }
        AnswerParser parser = new AnswerParser(vocabulary, instruction);
        if (parser.parse(normalAnswer) != ParsedAnswer.NEGATIVE || parser.parse(afAnswer) != ParsedAnswer.POSITIVE) {
            throw new IllegalArgumentException("the answers must parse as negative/positive with the given vocabulary");
        }
    }

    public static final PromptTemplate CHINESE = new PromptTemplate(
            "请作为一名心脏病专家，分析这段心电图信号特征。" + PLACEHOLDER + "请判断该患者是否患有房颤（Atrial Fibrillation）？",
            "经过分析，该心电图显示为正常窦性心律，无房颤。",
            "经过分析，该心电图显示特征符合房颤（AF）表现，有房颤。",
            AnswerVocabulary.CHINESE);

    public static final PromptTemplate ENGLISH = new PromptTemplate(
            "As a cardiologist, analyse the features of this ECG signal. " + PLACEHOLDER
                    + " Does this patient have atrial fibrillation?",
            "After analysis, the ECG shows normal sinus rhythm with no atrial fibrillation.",
            "After analysis, the ECG shows atrial fibrillation (AF).",
            AnswerVocabulary.ENGLISH);

    /** The parser for this template's answers: its vocabulary, ignoring any echo of the instruction. */
    public AnswerParser parser() {
        return new AnswerParser(vocabulary, instruction);
    }

    /** The answer taught for a 0/1 label. */
    public String answer(int label) {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, got " + label);
        }
        return label == 1 ? afAnswer : normalAnswer;
    }

    /** The template by its config name ({@code zh} or {@code en}). */
    public static PromptTemplate named(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "zh":
            case "chinese":
                return CHINESE;
            case "en":
            case "english":
                return ENGLISH;
            default:
                throw new IllegalArgumentException("unknown prompt language '" + name + "' (zh, en)");
        }
    }
}
