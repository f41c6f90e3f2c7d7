/**
 * ECG signal input and preprocessing without Spark: WFDB records ({@link org.ecgpeft.signal.WfdbReader},
 * {@link org.ecgpeft.signal.ReferenceLabels}), CSV segment rows ({@link org.ecgpeft.signal.CsvSegmentParser}),
 * the synthetic ECG source ({@link org.ecgpeft.signal.SyntheticEcgGenerator}), windowing, resampling and
 * z-score normalisation, and {@link org.ecgpeft.signal.RecordSplitter}, the one record-level train/val/test
 * split rule the training commands and the Spark jobs share. Bad input surfaces as {@link org.ecgpeft.signal.EcgFormatException} with a locator
 * and a reason, so the ingest job can record rejects instead of failing or dropping data.
 */
package org.ecgpeft.signal;
