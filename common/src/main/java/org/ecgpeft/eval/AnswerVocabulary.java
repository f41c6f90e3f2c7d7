package org.ecgpeft.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The explicit phrases by which an ECG-LLM answer commits to a class. Markers are stored in the
 * {@link AnswerParser}'s canonical form (NFKC, lower case, single spaces). See {@link AnswerParser} for how
 * overlapping markers are resolved.
 *
 * @param positiveMarkers phrases meaning "atrial fibrillation present" (non-empty, no blanks)
 * @param negativeMarkers phrases meaning "no atrial fibrillation" (non-empty, no blanks, none shared with
 *                        the positive markers)
 */
public record AnswerVocabulary(List<String> positiveMarkers, List<String> negativeMarkers) {

    /**
     * The training templates 经过分析，该心电图显示特征符合房颤（AF）表现，有房颤。 (1) and
     * 经过分析，该心电图显示为正常窦性心律，无房颤。 (0), plus common negations. 没有房颤 ("not have AF") contains
     * the positive 有房颤 and wins because it is the longer overlapping marker. A bare 房颤 is deliberately
     * not a marker: both templates contain it.
     */
    public static final AnswerVocabulary CHINESE = new AnswerVocabulary(
            List.of("有房颤"),
            List.of("无房颤", "没有房颤", "未见房颤"));

    /**
     * English templates "... shows atrial fibrillation" (1) and "... no atrial fibrillation" (0), plus the
     * negated forms of the positive phrases, which win over the phrases they contain.
     */
    public static final AnswerVocabulary ENGLISH = new AnswerVocabulary(
            List.of("shows atrial fibrillation", "consistent with atrial fibrillation"),
            List.of("no atrial fibrillation", "without atrial fibrillation", "does not show atrial fibrillation",
                    "doesn't show atrial fibrillation", "not consistent with atrial fibrillation"));

    public AnswerVocabulary {
        positiveMarkers = canonical(positiveMarkers, "positiveMarkers");
        negativeMarkers = canonical(negativeMarkers, "negativeMarkers");
        Set<String> shared = new HashSet<>(positiveMarkers);
        shared.retainAll(negativeMarkers);
        if (!shared.isEmpty()) {
            throw new IllegalArgumentException(
                    "markers " + shared + " are in both positiveMarkers and negativeMarkers");
        }
    }

    private static List<String> canonical(List<String> markers, String key) {
        if (markers == null || markers.isEmpty()) {
            throw new IllegalArgumentException(key + " must not be null or empty");
        }
        List<String> result = new ArrayList<>(markers.size());
        for (int i = 0; i < markers.size(); i++) {
            String marker = markers.get(i);
            if (marker == null || marker.isBlank()) {
                throw new IllegalArgumentException(key + "[" + i + "] must not be blank");
            }
            result.add(AnswerText.normalize(marker));
        }
        return List.copyOf(result);
    }
}
