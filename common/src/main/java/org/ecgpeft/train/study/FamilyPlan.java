package org.ecgpeft.train.study;

import java.util.Objects;

/**
 * One model family of a study plan.
 *
 * @param family the family
 * @param base pretrained weights or a tiny random-init architecture
 * @param leadIndex for a multi-lead model (ECG-FM), where the single lead goes: 0 = lead I, 1 = lead II
 */
public record FamilyPlan(Family family, BaseSpec base, int leadIndex) {

    public FamilyPlan {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(base, "base");
        if (leadIndex < 0) {
            throw new IllegalArgumentException("lead index must be >= 0, got " + leadIndex);
        }
    }
}
