package org.ecgpeft.jobs.ingest;

import java.io.Serializable;
import org.ecgpeft.signal.SyntheticEcgConfig;

/** What the synthetic source generates: {@code count} records of the built-in ECG generator. */
public record SyntheticSpec(int count, double sampleRate, double durationSeconds, double afFraction, long seed)
        implements Serializable {
    /** Validates every field, naming the option. */
    public SyntheticSpec {
        if (count <= 0) {
            throw new IllegalArgumentException("--synthetic must be > 0 records, got " + count);
        }
        if (!(sampleRate > 0)) {
            throw new IllegalArgumentException("--rate must be > 0 Hz, got " + sampleRate);
        }
        if (!(durationSeconds > 0)) {
            throw new IllegalArgumentException("--duration must be > 0 s, got " + durationSeconds);
        }
        if (!(afFraction >= 0 && afFraction <= 1)) {
            throw new IllegalArgumentException("--af-fraction must be in [0, 1], got " + afFraction);
        }
    }

    /** The generator config for this spec. */
    public SyntheticEcgConfig generatorConfig() {
        return new SyntheticEcgConfig(count, sampleRate, durationSeconds, afFraction, seed);
    }
}
