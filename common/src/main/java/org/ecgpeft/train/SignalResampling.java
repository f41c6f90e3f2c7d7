package org.ecgpeft.train;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.ecgpeft.signal.Resampler;

/**
 * {@link ResampleFunction} backed by the signal package's band-limited {@link Resampler}, keeping one
 * filter table per rate pair (a study uses one or two pairs, and building a table costs far more than
 * applying it).
 */
public final class SignalResampling implements ResampleFunction {

    private final ConcurrentMap<String, Resampler> resamplers = new ConcurrentHashMap<>();

    @Override
    public float[] resample(float[] x, double fromHz, double toHz) {
        return resamplers
                .computeIfAbsent(fromHz + "->" + toHz, k -> Resampler.of(fromHz, toHz))
                .apply(x);
    }
}
