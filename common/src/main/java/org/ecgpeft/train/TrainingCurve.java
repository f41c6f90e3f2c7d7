package org.ecgpeft.train;

/**
 * One point of a training curve, as stored in {@code ecg_training_curves}.
 *
 * @param epoch 1-based epoch
 * @param step optimizer steps taken when the point was recorded
 * @param split "train" or "validation"
 * @param loss mean loss of the split over the epoch
 * @param metric metric name (e.g. f1, auroc; "loss" for the loss itself)
 * @param value metric value
 */
public record TrainingCurve(int epoch, long step, String split, double loss, String metric, double value) {}
