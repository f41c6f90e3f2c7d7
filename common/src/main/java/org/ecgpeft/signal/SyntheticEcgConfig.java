package org.ecgpeft.signal;

/**
 * Settings of the built-in synthetic ECG source.
 *
 * @param count           number of records (indices 0 .. count-1)
 * @param sampleRate      output rate in Hz, 100 .. 20,000 (the QRS complex needs at least 100 Hz)
 * @param durationSeconds record length in seconds, up to one hour
 * @param afFraction      share of records labelled A (atrial fibrillation), 0 .. 1
 * @param seed            master seed; record {@code i} depends only on (seed, i)
 */
public record SyntheticEcgConfig(int count, double sampleRate, double durationSeconds, double afFraction, long seed) {

    public SyntheticEcgConfig {
        if (count < 1) {
            throw new IllegalArgumentException("synthetic.count must be >= 1, got " + count);
        }
        if (!(sampleRate >= 100 && sampleRate <= 20_000)) {
            throw new IllegalArgumentException("synthetic.sampleRate must be in [100, 20000] Hz, got " + sampleRate);
        }
        if (!(durationSeconds > 0 && durationSeconds <= 3600)) {
            throw new IllegalArgumentException(
                    "synthetic.durationSeconds must be in (0, 3600], got " + durationSeconds);
        }
        if (Math.round(sampleRate * durationSeconds) < 1) {
            throw new IllegalArgumentException(
                    "synthetic.durationSeconds " + durationSeconds + " at " + sampleRate + " Hz gives no samples");
        }
        if (!(afFraction >= 0 && afFraction <= 1)) {
            throw new IllegalArgumentException("synthetic.afFraction must be in [0, 1], got " + afFraction);
        }
    }

    /** Samples per record: {@code round(sampleRate * durationSeconds)}. */
    public int samplesPerRecord() {
        return Math.toIntExact(Math.round(sampleRate * durationSeconds));
    }
}
