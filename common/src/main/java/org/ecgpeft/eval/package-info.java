/**
 * Evaluation: binary classification metrics (confusion counts, accuracy, precision/recall/F1 per class,
 * macro F1, specificity, exact tie-aware AUROC, ROC curve points, average precision), record-level aggregation of segment
 * probabilities, and parsing/scoring of the ECG-LLM's free-text answers.
 *
 * <p>Conventions shared by every class here: labels are 0 (normal) or 1 (atrial fibrillation, the positive
 * class); a probability {@code p} predicts 1 when {@code p >= threshold}; a ratio whose denominator is zero
 * is reported as 0.0 (scikit-learn's default {@code zero_division} behaviour, without the warning).
 * Nothing here depends on Spark or DJL.
 */
package org.ecgpeft.eval;
