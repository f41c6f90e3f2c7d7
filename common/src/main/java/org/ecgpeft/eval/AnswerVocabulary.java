package org.ecgpeft.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The explicit phrases by which an ECG-LLM answer commits to a class, and the question phrases that commit to
 * nothing. Markers are stored in the {@link AnswerParser}'s canonical form (NFKC, lower case, single spaces).
 * See {@link AnswerParser} for how overlapping markers are resolved: a negated or questioning phrase is listed
 * whole, and wins over the positive marker it contains.
 *
 * @param positiveMarkers phrases meaning "atrial fibrillation present" (non-empty, no blanks)
 * @param negativeMarkers phrases meaning "no atrial fibrillation" (non-empty, no blanks)
 * @param questionMarkers phrases that ask whether there is atrial fibrillation (may be empty, no blanks); the
 *                        markers inside them do not count. No phrase may be in two of the three lists.
 */
public record AnswerVocabulary(
        List<String> positiveMarkers, List<String> negativeMarkers, List<String> questionMarkers) {

    /**
     * The training templates 经过分析，该心电图显示特征符合房颤（AF）表现，有房颤。 (1) and
     * 经过分析，该心电图显示为正常窦性心律，无房颤。 (0), plus the common ways to state and to negate AF. Every
     * negation of a positive marker is listed whole (未患有房颤, 没有房颤 contain 有房颤; 不是房颤 contains
     * 是房颤), as is the prompt's own question 是否患有房颤. A bare 房颤 is deliberately not a marker: both
     * templates contain it.
     */
    public static final AnswerVocabulary CHINESE = new AnswerVocabulary(
            List.of("有房颤", "存在房颤", "是房颤", "为房颤", "提示房颤"),
            List.of(
                    "无房颤", "没有房颤", "没房颤", "未见房颤", "未患房颤", "未患有房颤", "没有患房颤", "不是房颤", "并非房颤", "非房颤", "不为房颤", "不存在房颤",
                    "未发现房颤", "排除房颤", "不符合房颤", "未提示房颤", "不提示房颤", "无明显房颤", "未见明显房颤"),
            List.of("是否患有房颤", "是否有房颤", "是否存在房颤", "是否为房颤", "是否是房颤", "有无房颤", "有没有房颤"));

    /**
     * English templates "... shows atrial fibrillation (AF)." (1) and "... with no atrial fibrillation." (0), plus
     * the common ways to state AF and the negated forms, which win over the positive phrases they contain.
     */
    public static final AnswerVocabulary ENGLISH = new AnswerVocabulary(
            List.of(
                    "shows atrial fibrillation",
                    "consistent with atrial fibrillation",
                    "has atrial fibrillation",
                    "indicates atrial fibrillation",
                    "positive for atrial fibrillation"),
            List.of(
                    "no atrial fibrillation",
                    "without atrial fibrillation",
                    "not atrial fibrillation",
                    "does not show atrial fibrillation",
                    "doesn't show atrial fibrillation",
                    "not consistent with atrial fibrillation",
                    "does not have atrial fibrillation",
                    "doesn't have atrial fibrillation",
                    "does not indicate atrial fibrillation",
                    "doesn't indicate atrial fibrillation",
                    "not positive for atrial fibrillation",
                    "negative for atrial fibrillation",
                    "absence of atrial fibrillation",
                    "no af",
                    "not af",
                    "without af"),
            List.of());

    public AnswerVocabulary {
        positiveMarkers = canonical(positiveMarkers, "positiveMarkers", false);
        negativeMarkers = canonical(negativeMarkers, "negativeMarkers", false);
        questionMarkers = canonical(questionMarkers, "questionMarkers", true);
        requireDisjoint(positiveMarkers, "positiveMarkers", negativeMarkers, "negativeMarkers");
        requireDisjoint(positiveMarkers, "positiveMarkers", questionMarkers, "questionMarkers");
        requireDisjoint(negativeMarkers, "negativeMarkers", questionMarkers, "questionMarkers");
    }

    /** A vocabulary without question phrases. */
    public AnswerVocabulary(List<String> positiveMarkers, List<String> negativeMarkers) {
        this(positiveMarkers, negativeMarkers, List.of());
    }

    private static List<String> canonical(List<String> markers, String key, boolean mayBeEmpty) {
        if (markers == null || (markers.isEmpty() && !mayBeEmpty)) {
            throw new IllegalArgumentException(key + " must not be null" + (mayBeEmpty ? "" : " or empty"));
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

    private static void requireDisjoint(List<String> a, String aKey, List<String> b, String bKey) {
        Set<String> shared = new HashSet<>(a);
        shared.retainAll(b);
        if (!shared.isEmpty()) {
            throw new IllegalArgumentException("markers " + shared + " are in both " + aKey + " and " + bKey);
        }
    }
}
