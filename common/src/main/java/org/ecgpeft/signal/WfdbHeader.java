package org.ecgpeft.signal;

import java.util.List;
import java.util.OptionalLong;

/**
 * A parsed single-segment WFDB header ({@code .hea}).
 *
 * @param recordName  name from the record line
 * @param sampleRate  samples per second per signal
 * @param sampleCount samples per signal when the header states it
 * @param signals     one entry per signal line, in order
 */
public record WfdbHeader(String recordName, double sampleRate, OptionalLong sampleCount, List<WfdbSignalSpec> signals) {

    public WfdbHeader {
        signals = List.copyOf(signals);
    }

    /**
     * Number of signals stored interleaved in the same file as signal {@code index}; WFDB puts
     * signals that share a file on consecutive lines.
     */
    int signalsSharingFileWith(int index) {
        String file = signals.get(index).fileName();
        int count = 0;
        for (WfdbSignalSpec s : signals) {
            if (s.fileName().equals(file)) {
                count++;
            }
        }
        return count;
    }
}
