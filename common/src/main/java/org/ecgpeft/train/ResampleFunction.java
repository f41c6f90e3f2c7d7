package org.ecgpeft.train;

/** Changes a signal's sampling rate, e.g. {@code org.ecgpeft.signal.Resampler::resample}. */
@FunctionalInterface
public interface ResampleFunction {

    float[] resample(float[] x, double fromHz, double toHz);
}
