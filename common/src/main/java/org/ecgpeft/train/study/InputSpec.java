package org.ecgpeft.train.study;

import org.ecgpeft.train.InputPreparer;
import org.ecgpeft.train.SignalResampling;

/**
 * How single-lead segments become a model's input: resampled from the data's rate to the model's, and placed
 * as one lead of the model's lead tensor (the other leads zero).
 *
 * @param sourceRateHz sampling rate of the segments as stored (e.g. 300 Hz for CinC 2017)
 * @param modelRateHz the model's input rate (16 kHz for wav2vec2/HuBERT, 500 Hz for ECG-FM)
 * @param leads the model's input channels (1 for audio models, 12 for ECG-FM)
 * @param leadIndex where the single lead goes (0 = lead I, 1 = lead II)
 * @param segmentLength samples per segment at the source rate
 */
public record InputSpec(double sourceRateHz, double modelRateHz, int leads, int leadIndex, int segmentLength) {

    public InputSpec {
        if (!(sourceRateHz > 0) || !(modelRateHz > 0)) {
            throw new IllegalArgumentException(
                    "source_rate_hz and model_rate_hz must be positive, got " + sourceRateHz + " and " + modelRateHz);
        }
        if (leads < 1 || leadIndex < 0 || leadIndex >= leads) {
            throw new IllegalArgumentException("lead_index " + leadIndex + " out of range for " + leads + " leads");
        }
        if (segmentLength <= 0) {
            throw new IllegalArgumentException("segment_length must be positive, got " + segmentLength);
        }
    }

    /** The preparer that turns segments into model input (the signal package's resampler when rates differ). */
    public InputPreparer preparer() {
        return new InputPreparer(new SignalResampling(), modelRateHz, leads, leadIndex);
    }
}
