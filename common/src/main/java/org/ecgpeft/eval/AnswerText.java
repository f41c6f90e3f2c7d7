package org.ecgpeft.eval;

import java.text.Normalizer;
import java.util.Locale;

/** Canonical form for answers and markers, so matching ignores case, width and spacing variants. */
final class AnswerText {

    private AnswerText() {}

    /**
     * NFKC (full-width letters/brackets to ASCII), typographic apostrophe to ASCII, lower case,
     * whitespace runs to one space, trimmed.
     */
    static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC)
                .replace('\u2019', '\'')
                .toLowerCase(Locale.ROOT);
        return folded.replaceAll("\\s+", " ").trim();
    }

    /** True for characters that form English words, where a marker must not start or end mid-word. */
    static boolean isAsciiWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
