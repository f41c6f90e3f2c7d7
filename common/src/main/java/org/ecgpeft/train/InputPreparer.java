package org.ecgpeft.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.stream.IntStream;

/**
 * Turns single-lead segments into a model's input batch: resampled to the model's rate and, for a
 * multi-lead model, placed as one lead of a zero-filled lead tensor (ECG-FM was pre-trained with lead
 * masking, so absent leads are zeros). Output shape is {@code [B, L']} for one lead or
 * {@code [B, leads, L']}. The resampling function must be thread-safe (segments are resampled in parallel).
 */
public final class InputPreparer {

    private final ResampleFunction resampler;
    private final double targetHz;
    private final int leads;
    private final int leadIndex;

    /**
     * @param resampler the resampling function (used only when the rates differ)
     * @param targetHz the model's sampling rate, or NaN to keep the data's rate
     * @param leads 1 for an audio model, 12 for ECG-FM
     * @param leadIndex where the single lead goes when {@code leads > 1} (0 = lead I, 1 = lead II)
     */
    public InputPreparer(ResampleFunction resampler, double targetHz, int leads, int leadIndex) {
        if (!(targetHz > 0) && !Double.isNaN(targetHz)) {
            throw new IllegalArgumentException("targetHz must be positive (or NaN to keep the rate), got " + targetHz);
        }
        if (resampler == null && !Double.isNaN(targetHz)) {
            throw new IllegalArgumentException("a resampler is needed to convert to " + targetHz + " Hz");
        }
        if (leads < 1 || leadIndex < 0 || leadIndex >= leads) {
            throw new IllegalArgumentException("lead index " + leadIndex + " out of range for " + leads + " leads");
        }
        this.resampler = resampler;
        this.targetHz = targetHz;
        this.leads = leads;
        this.leadIndex = leadIndex;
    }

    /** wav2vec2 / HuBERT with the signal package's resampler: 16 kHz, one channel. */
    public static InputPreparer audio16k() {
        return audio16k(new SignalResampling());
    }

    /** ECG-FM with the signal package's resampler: 500 Hz, the lead at {@code leadIndex} of 12. */
    public static InputPreparer ecgFm(int leadIndex) {
        return ecgFm(new SignalResampling(), leadIndex);
    }

    /** wav2vec2 / HuBERT: 16 kHz, one channel. */
    public static InputPreparer audio16k(ResampleFunction resampler) {
        return new InputPreparer(resampler, 16_000, 1, 0);
    }

    /** ECG-FM: 500 Hz, the lead at {@code leadIndex} of 12, the rest zero. */
    public static InputPreparer ecgFm(ResampleFunction resampler, int leadIndex) {
        return new InputPreparer(resampler, 500, 12, leadIndex);
    }

    /** Segments as they are (e.g. for MS-CNN or a model trained at the data's rate): {@code [B, L]}. */
    public static InputPreparer identity() {
        return new InputPreparer(null, Double.NaN, 1, 0);
    }

    /** Builds the batch of {@code rows} of {@code data} on {@code manager} with one host-to-device copy. */
    public NDArray prepare(NDManager manager, SegmentDataset data, int[] rows) {
        float[][] resampled = new float[rows.length][];
        boolean keep = Double.isNaN(targetHz) || data.sampleRateHz() == targetHz;
        // Segments are resampled in parallel: at 16 kHz this is the host's main cost per batch, and it
        // overlaps with the device still running the previous step's queued kernels.
        IntStream.range(0, rows.length).parallel().forEach(i -> {
            float[] x = data.segments()[rows[i]];
            resampled[i] = keep ? x : resampler.resample(x, data.sampleRateHz(), targetHz);
        });
        int length = resampled[0].length;
        float[] flat = new float[rows.length * leads * length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(resampled[i], 0, flat, (i * leads + leadIndex) * length, length);
        }
        Shape shape = leads == 1 ? new Shape(rows.length, length) : new Shape(rows.length, leads, length);
        return manager.create(flat, shape);
    }
}
