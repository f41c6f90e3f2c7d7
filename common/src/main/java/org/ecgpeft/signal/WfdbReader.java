package org.ecgpeft.signal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads lead 0 of a single-segment WFDB record: the {@code .hea} header plus either a MATLAB v4
 * {@code .mat} file (PhysioNet challenge layout) or a format-16 {@code .dat} file (little-endian int16,
 * signals interleaved). Samples are converted to millivolts as {@code (adc - baseline) / gain}.
 *
 * <p>Rejected with {@link EcgFormatException}: malformed headers, storage formats other than 16, data
 * files outside the header's folder, data files whose length disagrees with the header's sample count,
 * MAT files whose element type or data offset disagrees with the header's format, truncated files, gains
 * that put samples beyond the float range, empty records and (when the header carries a non-zero one)
 * checksum mismatches. Files are size-checked before they are read.
 */
public final class WfdbReader {

    private WfdbReader() {}

    /**
     * Reads the record described by {@code headerFile}.
     *
     * @param label  class label to attach (see {@link EcgRecord#LABELS}), {@code null} for an unlabelled record
     * @param source provenance tag stored with the record
     * @throws EcgFormatException       for unreadable or inconsistent header or data files
     * @throws IllegalArgumentException when {@code label} is not a valid class label
     */
    public static EcgRecord read(Path headerFile, String label, String source) throws IOException, EcgFormatException {
        WfdbHeader header = WfdbHeaderParser.parse(headerFile);
        String fileName = headerFile.getFileName().toString();
        String stem = fileName.endsWith(".hea") ? fileName.substring(0, fileName.length() - 4) : fileName;
        if (!header.recordName().equals(stem)) {
            throw new EcgFormatException(
                    headerFile.toString(),
                    "header names record '" + header.recordName() + "' but its file is " + fileName);
        }
        WfdbSignalSpec lead = header.signals().get(0);
        Path dir = headerFile.toAbsolutePath().normalize().getParent();
        Path dataFile = dir.resolve(lead.fileName()).normalize();
        if (!dir.equals(dataFile.getParent())) {
            throw new EcgFormatException(
                    headerFile.toString(), "data file '" + lead.fileName() + "' is not in the header's folder");
        }
        String locator = dataFile.toString();
        if (!Files.isRegularFile(dataFile)) {
            throw new EcgFormatException(locator, "data file named in " + headerFile.getFileName() + " is missing");
        }
        if (lead.format() != 16) {
            throw new EcgFormatException(
                    locator,
                    "unsupported WFDB storage format " + lead.format() + " in " + headerFile.getFileName()
                            + " (only format 16 is supported)");
        }
        int signalsInFile = header.signalsSharingFileWith(0);
        double[] adc = lead.fileName().endsWith(".mat")
                ? leadFromMat(MatV4Reader.read(dataFile), lead, signalsInFile, locator)
                : leadFromFormat16(
                        BoundedFiles.readAll(dataFile, BoundedFiles.MAX_DATA_BYTES), lead, signalsInFile, locator);
        if (adc.length == 0) {
            throw new EcgFormatException(locator, "empty record (no samples)");
        }
        if (header.sampleCount().isPresent() && header.sampleCount().getAsLong() != adc.length) {
            throw new EcgFormatException(
                    locator,
                    "header " + headerFile.getFileName() + " declares "
                            + header.sampleCount().getAsLong() + " samples but the data file holds " + adc.length);
        }
        verifyChecksum(adc, lead, locator);
        return new EcgRecord(header.recordName(), source, header.sampleRate(), label, toMillivolts(adc, lead, locator));
    }

    /**
     * The header describes the MAT file's bytes as format 16 at its byte offset, so the matrix must hold
     * int16 values and (when the header gives an offset) start there: anything else means the header
     * belongs to other data.
     */
    private static double[] leadFromMat(MatV4Matrix m, WfdbSignalSpec spec, int signalsInFile, String locator)
            throws EcgFormatException {
        if (m.elementType() != MatV4Matrix.INT16) {
            throw new EcgFormatException(
                    locator,
                    "header declares format 16 (int16) but MAT matrix '" + m.name() + "' holds " + m.elementTypeName()
                            + " values");
        }
        if (spec.byteOffset() != 0 && spec.byteOffset() != m.dataOffset()) {
            throw new EcgFormatException(
                    locator,
                    "header puts the samples at byte " + spec.byteOffset() + " but MAT matrix '" + m.name()
                            + "' starts at byte " + m.dataOffset());
        }
        if (m.rows() == signalsInFile) {
            // WFDB layout: one row per signal, one column per sample.
            double[] lead = new double[m.cols()];
            for (int c = 0; c < lead.length; c++) {
                lead[c] = m.get(0, c);
            }
            return lead;
        }
        if (m.cols() == signalsInFile) {
            double[] lead = new double[m.rows()];
            for (int r = 0; r < lead.length; r++) {
                lead[r] = m.get(r, 0);
            }
            return lead;
        }
        throw new EcgFormatException(
                locator,
                "MAT matrix '" + m.name() + "' is " + m.rows() + "x" + m.cols() + " but the header puts "
                        + signalsInFile + " signal(s) in this file");
    }

    private static double[] leadFromFormat16(byte[] bytes, WfdbSignalSpec lead, int signalsInFile, String locator)
            throws EcgFormatException {
        long dataBytes = bytes.length - lead.byteOffset();
        if (dataBytes < 0) {
            throw new EcgFormatException(
                    locator, "file has " + bytes.length + " bytes, fewer than the byte offset " + lead.byteOffset());
        }
        int frameBytes = 2 * signalsInFile;
        if (dataBytes % frameBytes != 0) {
            throw new EcgFormatException(
                    locator,
                    "truncated frame: " + dataBytes + " data bytes is not a multiple of " + frameBytes + " ("
                            + signalsInFile + " int16 signal(s))");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] samples = new double[(int) (dataBytes / frameBytes)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = buf.getShort((int) (lead.byteOffset() + (long) i * frameBytes));
        }
        return samples;
    }

    private static void verifyChecksum(double[] adc, WfdbSignalSpec lead, String locator) throws EcgFormatException {
        // CinC 2017 headers write 0 instead of a checksum, so zero means "not given".
        if (lead.checksum().isEmpty() || lead.checksum().getAsInt() == 0) {
            return;
        }
        long sum = 0;
        for (double v : adc) {
            sum += (long) v;
        }
        int expected = (short) lead.checksum().getAsInt();
        int actual = (short) sum;
        if (expected != actual) {
            throw new EcgFormatException(
                    locator,
                    "checksum mismatch: header says " + expected + ", samples sum to " + actual + " (mod 2^16)");
        }
    }

    private static float[] toMillivolts(double[] adc, WfdbSignalSpec lead, String locator) throws EcgFormatException {
        double scale = lead.millivoltsPerUnit(locator) / lead.gain();
        double baseline = lead.baseline();
        float[] mv = new float[adc.length];
        for (int i = 0; i < adc.length; i++) {
            double v = (adc[i] - baseline) * scale;
            mv[i] = (float) v;
            if (!Float.isFinite(mv[i])) {
                throw new EcgFormatException(
                        locator,
                        "sample " + i + " is " + v + " " + lead.units() + " at gain " + lead.gain()
                                + ", beyond the float range");
            }
        }
        return mv;
    }
}
