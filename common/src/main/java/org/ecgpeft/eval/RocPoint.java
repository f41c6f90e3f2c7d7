package org.ecgpeft.eval;

/**
 * One point of a ROC curve: predicting positive for every score {@code >= threshold} gives these rates.
 * The first point of a curve has threshold {@code +Infinity} (nothing predicted positive).
 *
 * @param fpr       false positive rate fp / negatives
 * @param tpr       true positive rate tp / positives
 * @param threshold score threshold
 */
public record RocPoint(double fpr, double tpr, double threshold) {}
