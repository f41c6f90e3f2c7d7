package org.ecgpeft.signal;

import java.util.OptionalInt;

/**
 * One signal line of a WFDB header: where the samples live and how ADC units map to physical units.
 *
 * @param fileName    data file, relative to the header's directory
 * @param format      storage format (only 16 is readable)
 * @param byteOffset  bytes to skip at the start of the data file (the "+24" of "16+24")
 * @param gain        ADC units per physical unit (WFDB default 200 when absent or zero)
 * @param baseline    ADC value of 0 physical units (defaults to the ADC zero)
 * @param units       physical units, "mV" when absent
 * @param adcZero     ADC value of the middle of the converter range
 * @param initValue   value of the first sample, as written by the recorder
 * @param checksum    16-bit sum of all samples when the header gives one
 * @param description free text, empty when absent
 */
public record WfdbSignalSpec(
        String fileName,
        int format,
        long byteOffset,
        double gain,
        double baseline,
        String units,
        int adcZero,
        int initValue,
        OptionalInt checksum,
        String description) {

    /** Multiplier from this signal's units to millivolts. */
    double millivoltsPerUnit(String locator) throws EcgFormatException {
        switch (units) {
            case "mV":
                return 1.0;
            case "uV":
            case "\u00b5V":
            case "\u03bcV":
                return 1e-3;
            case "V":
                return 1e3;
            default:
                throw new EcgFormatException(
                        locator, "unsupported physical units '" + units + "' (expected mV, uV or V)");
        }
    }
}
