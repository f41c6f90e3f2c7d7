package org.ecgpeft.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ECG-LLM's free-text answer as NEGATIVE / POSITIVE / INVALID using an {@link AnswerVocabulary}.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>A null or blank answer is INVALID.</li>
 *   <li>Answer and markers are compared in canonical form (NFKC, lower case, single spaces).</li>
 *   <li>Every occurrence of every marker is found. A marker that starts (ends) with an ASCII letter or digit
 *       only counts where the text has no ASCII letter or digit just before (after) it, so English markers
 *       match whole words ("no atrial fibrillation" does not match inside "piano atrial fibrillation").</li>
 *   <li>An occurrence lying inside a longer occurrence of the OTHER polarity is discarded: the longer, more
 *       specific phrase wins (没有房颤 over the 有房颤 it contains; "not consistent with atrial fibrillation"
 *       over "consistent with atrial fibrillation").</li>
 *   <li>Only positive occurrences left: POSITIVE; only negative: NEGATIVE; both or none: INVALID.</li>
 * </ol>
 * Only the explicit markers decide: in the positive template 经过分析，该心电图显示特征符合房颤（AF）表现，有房颤。
 * the first 房颤 is not a marker, so 有房颤 alone decides. The parser is meant for template-like answers; it
 * does not understand arbitrary negation, which is why an answer without a marker is INVALID, not guessed.
 */
public final class AnswerParser {

    private final AnswerVocabulary vocabulary;

    public AnswerParser(AnswerVocabulary vocabulary) {
        if (vocabulary == null) {
            throw new IllegalArgumentException("vocabulary must not be null");
        }
        this.vocabulary = vocabulary;
    }

    public AnswerVocabulary vocabulary() {
        return vocabulary;
    }

    /** Parses one answer; null is treated as a missing answer and is INVALID. */
    public ParsedAnswer parse(String answer) {
        if (answer == null || answer.isBlank()) {
            return ParsedAnswer.INVALID;
        }
        String text = AnswerText.normalize(answer);
        List<Match> positives = find(text, vocabulary.positiveMarkers());
        List<Match> negatives = find(text, vocabulary.negativeMarkers());
        boolean positive = positives.stream().anyMatch(m -> !m.insideLongerOf(negatives));
        boolean negative = negatives.stream().anyMatch(m -> !m.insideLongerOf(positives));
        if (positive == negative) {
            return ParsedAnswer.INVALID;
        }
        return positive ? ParsedAnswer.POSITIVE : ParsedAnswer.NEGATIVE;
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
                || start == 0 || !AnswerText.isAsciiWordChar(text.charAt(start - 1));
        boolean endOk = !AnswerText.isAsciiWordChar(text.charAt(end - 1))
                || end == text.length() || !AnswerText.isAsciiWordChar(text.charAt(end));
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
