/**
 * Device-agnostic training without Spark: {@link org.ecgpeft.train.Trainer} runs AdamW over a
 * {@link org.ecgpeft.train.TrainableModel}'s trainable parameters with warm-up + decay, accumulation,
 * clipping, class weighting or oversampling, validation metrics per epoch, early stopping on F1,
 * checkpoints and exact resume; {@link org.ecgpeft.train.InputPreparer} resamples single-lead segments to
 * the model's rate and lead layout; {@link org.ecgpeft.train.HyperGrid} and
 * {@link org.ecgpeft.train.HyperSearch} run a grid or random search.
 */
package org.ecgpeft.train;
