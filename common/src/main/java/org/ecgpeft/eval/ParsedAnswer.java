package org.ecgpeft.eval;

/** What an ECG-LLM answer says about atrial fibrillation, as read by {@link AnswerParser}. */
public enum ParsedAnswer {
    /** The answer states there is no atrial fibrillation (label 0). */
    NEGATIVE,
    /** The answer states there is atrial fibrillation (label 1). */
    POSITIVE,
    /** Empty, missing, contradictory (both markers) or uncommitted (no marker) answer. */
    INVALID;

    public boolean isValid() {
        return this != INVALID;
    }

    /**
     * The class label the answer stands for.
     *
     * @throws IllegalStateException for {@link #INVALID}, which has no label
     */
    public int label() {
        return switch (this) {
            case NEGATIVE -> 0;
            case POSITIVE -> 1;
            case INVALID -> throw new IllegalStateException("an INVALID answer has no label");
        };
    }
}
