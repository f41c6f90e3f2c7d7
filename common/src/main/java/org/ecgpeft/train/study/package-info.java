/**
 * The PEFT study without Spark: a {@link org.ecgpeft.train.study.StudyPlan} (families x methods x norm modes x
 * grid, from {@code conf/peft-study*.json}) is run by {@link org.ecgpeft.train.study.StudyRunner}, which builds
 * each classifier with {@link org.ecgpeft.train.study.ModelFactory} (pretrained or tiny random-init base, LoRA on
 * {@code q/k/v/out_proj} or Houlsby/Pfeiffer adapters, trainable head), trains it with the
 * {@link org.ecgpeft.train.Trainer} and saves an artifact folder described by
 * {@link org.ecgpeft.train.study.ArtifactManifest}.
 *
 * <p>Consumers (e.g. distributed evaluation) rebuild a trained model anywhere with
 * {@link org.ecgpeft.train.study.SegmentClassifiers#load} and call
 * {@link org.ecgpeft.train.study.SegmentClassifier#predictProbabilities} on segments as stored in
 * {@code ecg_segments}. {@link org.ecgpeft.train.study.PeftBenchmark} tabulates parameter counts at the real
 * base sizes and step time / memory at the tiny sizes.
 */
package org.ecgpeft.train.study;
