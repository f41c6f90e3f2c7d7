package org.ecgpeft.jobs.evaluate;

/**
 * One prediction collected on the driver for computing metrics.
 *
 * @param split    data split
 * @param recordId record the segment was cut from
 * @param label    0/1 truth
 * @param prob     AF probability
 * @param pred     0/1 prediction
 */
public record ScoredSegment(String split, String recordId, int label, double prob, int pred) {}
