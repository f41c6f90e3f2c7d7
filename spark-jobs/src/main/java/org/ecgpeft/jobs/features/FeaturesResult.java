package org.ecgpeft.jobs.features;

/**
 * What the features job wrote.
 *
 * @param encoderRun  the encoder's run id (the {@code encoder} column of {@code ecg_features})
 * @param dataVersion the segments' data version
 * @param windows     windows encoded
 * @param changed     {@code ecg_features} rows inserted or updated (0 on a re-run over the same data)
 */
public record FeaturesResult(String encoderRun, String dataVersion, long windows, long changed) {}
