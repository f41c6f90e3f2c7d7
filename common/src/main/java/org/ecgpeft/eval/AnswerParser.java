package org.ecgpeft.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads an ECG-LLM's free-text answer as NEGATIVE / POSITIVE / INVALID using an {@link AnswerVocabulary}.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>A null or blank answer is INVALID.</li>
 *   <li>Answer, prompt and markers are compared in canonical form (NFKC, lower case, single spaces).</li>
 *   <li>Only the generated continuation is read: every occurrence of the prompt's text (each piece between
 *       special tokens such as {@code <|ecg_feature|>}, which decoding drops) is cut out, so a model that echoes
 *       the question 是否患有房颤 is not read as answering it.</li>
 *   <li>Every occurrence of every marker is found. A marker that starts (ends) with an ASCII letter or digit
 *       only counts where the text has no ASCII letter or digit just before (after) it, so English markers
 *       match whole words ("no atrial fibrillation" does not match inside "piano atrial fibrillation").</li>
 *   <li>An occurrence lying inside a longer occurrence of another kind (positive, negative, question) is
 *       discarded: the longer, more specific phrase wins (未患有房颤 and 没有房颤 over the 有房颤 they contain;
 *       "not consistent with atrial fibrillation" over "consistent with atrial fibrillation"; the question
 *       是否患有房颤 over its 有房颤). Question occurrences never count themselves.</li>
 *   <li>Only positive occurrences left: POSITIVE; only negative: NEGATIVE; both or none: INVALID.</li>
 * </ol>
 * Only the explicit markers decide: in the positive template 经过分析，该心电图显示特征符合房颤（AF）表现，有房颤。
 * the first 房颤 is not a marker, so 有房颤 alone decides (a template cut off before it is INVALID). The parser is meant for template-like answers; it does not understand
 * arbitrary negation, which is why an answer without a marker is INVALID, not guessed.
 */
public final class AnswerParser {

    /** Special tokens such as {@code <|ecg_feature|>}: decoded text never holds them, so the prompt is split there. */
    private static final Pattern SPECIAL_TOKEN = Pattern.compile("<\\|[^|<>]*\\|>");
    /** What an echoed prompt piece is replaced by, so markers on either side of it cannot join into one. */
    private static final String CUT = " | ";

    private final AnswerVocabulary vocabulary;
    private final List<String> promptPieces;

    /** A parser for answers that hold only generated text. */
    public AnswerParser(AnswerVocabulary vocabulary) {
        this(vocabulary, "");
    }

    /**
     * A parser that ignores any echo of {@code prompt} in an answer.
     *
     * @param prompt the instruction the model was asked (may hold special tokens; blank for none)
     */
    public AnswerParser(AnswerVocabulary vocabulary, String prompt) {
        if (vocabulary == null || prompt == null) {
            throw new IllegalArgumentException("vocabulary and prompt must not be null");
        }
        this.vocabulary = vocabulary;
        List<String> pieces = new ArrayList<>();
        for (String piece : SPECIAL_TOKEN.split(prompt)) {
            String canonical = AnswerText.normalize(piece);
            if (!canonical.isEmpty()) {
                pieces.add(canonical);
            }
        }
        this.promptPieces = List.copyOf(pieces);
    }

    public AnswerVocabulary vocabulary() {
        return vocabulary;
    }

    /** Parses one answer; null is treated as a missing answer and is INVALID. */
    public ParsedAnswer parse(String answer) {
        if (answer == null || answer.isBlank()) {
            return ParsedAnswer.INVALID;
        }
        String text = continuation(AnswerText.normalize(answer));
        List<Match> positives = find(text, vocabulary.positiveMarkers());
        List<Match> negatives = find(text, vocabulary.negativeMarkers());
        List<Match> questions = find(text, vocabulary.questionMarkers());
        boolean positive =
                positives.stream().anyMatch(m -> !m.insideLongerOf(negatives) && !m.insideLongerOf(questions));
        boolean negative =
                negatives.stream().anyMatch(m -> !m.insideLongerOf(positives) && !m.insideLongerOf(questions));
        if (positive == negative) {
            return ParsedAnswer.INVALID;
        }
        return positive ? ParsedAnswer.POSITIVE : ParsedAnswer.NEGATIVE;
    }

    /** The canonical answer with every echoed prompt piece cut out. */
    private String continuation(String text) {
        String rest = text;
        for (String piece : promptPieces) {
            rest = rest.replace(piece, CUT);
        }
        return rest;
    }

    private static List<Match> find(String text, List<String> markers) {
        List<Match> matches = new ArrayList<>();
        for (String marker : markers) {
            for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
                int end = at + marker.length();
                if (atWordBoundary(text, at, end)) {
                    matches.add(new Match(at, end));
                }
            }
        }
        return matches;
    }

    private static boolean atWordBoundary(String text, int start, int end) {
        boolean startOk = !AnswerText.isAsciiWordChar(text.charAt(start))
                || start == 0
                || !AnswerText.isAsciiWordChar(text.charAt(start - 1));
        boolean endOk = !AnswerText.isAsciiWordChar(text.charAt(end - 1))
                || end == text.length()
                || !AnswerText.isAsciiWordChar(text.charAt(end));
        return startOk && endOk;
    }

    /** Half-open span [start, end) of a marker occurrence. */
    private record Match(int start, int end) {

        boolean insideLongerOf(List<Match> others) {
            for (Match other : others) {
                boolean contained = other.start <= start && end <= other.end;
                if (contained && other.end - other.start > end - start) {
                    return true;
                }
            }
            return false;
        }
    }
}
