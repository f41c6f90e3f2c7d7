package org.ecgpeft.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WfdbReaderTest {

    @TempDir
    Path dir;

    private static float[] expectedMv(short[] adc, double baseline, double gain) {
        float[] mv = new float[adc.length];
        for (int i = 0; i < adc.length; i++) {
            mv[i] = (float) ((adc[i] - baseline) / gain);
        }
        return mv;
    }

    @Test
    void matInt16RoundTrip() throws Exception {
        short[] adc = WfdbTestFiles.ramp(3000, 1);
        Path hea = WfdbTestFiles.writeMat(dir, "R1", 300, adc, 3, "1000/mV");
        EcgRecord r = WfdbReader.read(hea, "A", "test");
        assertEquals("R1", r.recordId());
        assertEquals("test", r.source());
        assertEquals("A", r.label());
        assertEquals(300.0, r.sampleRate());
        assertArrayEquals(expectedMv(adc, 0, 1000), r.signal());
    }

    @Test
    void matRoundTripWithBaselineAndNoLabel() throws Exception {
        short[] adc = WfdbTestFiles.ramp(500, 2);
        Path hea = WfdbTestFiles.writeMat(dir, "R2", 500, adc, 3, "200(-12)/mV");
        EcgRecord r = WfdbReader.read(hea, null, "test");
        assertArrayEquals(expectedMv(adc, -12, 200), r.signal());
        assertEquals(500.0, r.sampleRate());
        assertEquals(null, r.label());
    }

    @Test
    void matWhoseElementTypeOrOffsetDisagreesWithTheHeaderFormatIsRejected() throws Exception {
        short[] adc = WfdbTestFiles.ramp(500, 2);
        // Format 16 at byte 24 means int16 samples there; a double matrix is other data.
        Path hea = WfdbTestFiles.writeMat(dir, "R2", 500, adc, 0, "200/mV");
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> WfdbReader.read(hea, "N", "t"));
        assertTrue(e.reason().contains("format 16") && e.reason().contains("double"), e.reason());
        assertTrue(e.locator().endsWith("R2.mat"), e.locator());
        WfdbTestFiles.writeMat(dir, "R2", 500, adc, 3, "200/mV");
        WfdbTestFiles.writeHeader(dir, "R2", "R2 1 500 500\nR2.mat 16+64 200/mV 16 0 0 0 0 ECG\n");
        e = assertThrows(EcgFormatException.class, () -> WfdbReader.read(hea, "N", "t"));
        assertTrue(e.reason().contains("byte 64") && e.reason().contains("byte 24"), e.reason());
        WfdbTestFiles.writeHeader(dir, "R2", "R2 1 500 500\nR2.mat 212+24 200/mV 16 0 0 0 0 ECG\n");
        e = assertThrows(EcgFormatException.class, () -> WfdbReader.read(hea, "N", "t"));
        assertTrue(e.reason().contains("format 212"), e.reason());
    }

    @Test
    void gainThatIsNegativeOrOverflowsTheSamplesIsRejected() throws Exception {
        short[] adc = WfdbTestFiles.ramp(300, 3);
        WfdbTestFiles.writeMat(dir, "G", 300, adc, 3, "1000/mV");
        assertHeaderError("G 1 300 300\nG.mat 16+24 -1000/mV 16 0 0 0 0 ECG\n", "G.hea:2", "invalid gain");
        assertHeaderError("G 1 300 300\nG.mat 16+24 1e-300/V 16 0 0 0 0 ECG\n", "G.mat", "float range");
    }

    @Test
    void headerNamingAnotherRecordOrAFileOutsideItsFolderIsRejected() throws Exception {
        short[] adc = WfdbTestFiles.ramp(300, 4);
        WfdbTestFiles.writeMat(dir, "G", 300, adc, 3, "1000/mV");
        assertHeaderError("A00001 1 300 300\nG.mat 16+24 1000/mV 16 0 0 0 0 ECG\n", "G.hea", "names record 'A00001'");
        Files.createDirectories(dir.resolve("sub"));
        Files.copy(dir.resolve("G.mat"), dir.resolve("sub/G.mat"));
        assertHeaderError(
                "G 1 300 300\nsub/G.mat 16+24 1000/mV 16 0 0 0 0 ECG\n", "G.hea", "not in the header's folder");
        assertHeaderError(
                "G 1 300 300\n../G.mat 16+24 1000/mV 16 0 0 0 0 ECG\n", "G.hea", "not in the header's folder");
    }

    private void assertHeaderError(String header, String locatorEnd, String fragment) throws IOException {
        Path hea = WfdbTestFiles.writeHeader(dir, "G", header);
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> WfdbReader.read(hea, "N", "t"));
        assertTrue(e.reason().contains(fragment), e.reason());
        assertTrue(e.locator().endsWith(locatorEnd), e.locator());
    }

    @Test
    void matDimensionsWhoseByteCountOverflowsALongAreTruncationNotAWrongMatrix() {
        byte[] bytes = WfdbTestFiles.matBytes(WfdbTestFiles.ramp(16, 5), 0, ByteOrder.LITTLE_ENDIAN);
        java.nio.ByteBuffer.wrap(bytes)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(4, 1 << 30)
                .putInt(8, 1 << 30);
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> MatV4Reader.read(bytes, "x.mat"));
        assertTrue(e.reason().contains("truncated"), e.reason());
        assertEquals("x.mat", e.locator());
    }

    @Test
    void bigEndianMatIsRead() throws Exception {
        short[] adc = WfdbTestFiles.ramp(100, 3);
        Files.write(dir.resolve("B.mat"), WfdbTestFiles.matBytes(adc, 3, ByteOrder.BIG_ENDIAN));
        MatV4Matrix m = MatV4Reader.read(dir.resolve("B.mat"));
        assertEquals("val", m.name());
        assertEquals(1, m.rows());
        assertEquals(100, m.cols());
        for (int i = 0; i < adc.length; i++) {
            assertEquals(adc[i], m.get(0, i));
        }
    }

    @Test
    void datRoundTripTakesLeadZeroOfInterleavedFile() throws Exception {
        short[][] adc = {WfdbTestFiles.ramp(1200, 4), WfdbTestFiles.ramp(1200, 5)};
        Path hea = WfdbTestFiles.writeDat(dir, "D1", 360, adc, "400(5)/uV", true);
        EcgRecord r = WfdbReader.read(hea, "O", "test");
        float[] expected = new float[1200];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) ((adc[0][i] - 5) / 400.0 * 1e-3);
        }
        assertArrayEquals(expected, r.signal());
        assertEquals(360.0, r.sampleRate());
    }

    @Test
    void headerDefaultsGainAndUnits() throws Exception {
        short[][] adc = {WfdbTestFiles.ramp(10, 6)};
        Path hea = WfdbTestFiles.writeDat(dir, "D2", 250, adc, "0", false);
        EcgRecord r = WfdbReader.read(hea, "N", "t");
        assertArrayEquals(expectedMv(adc[0], 0, 200), r.signal());
    }

    @Test
    void headerFieldsParsed() throws Exception {
        WfdbHeader h = WfdbHeaderParser.parse(
                List.of(
                        "# comment",
                        "X 2 128/64(0) 77 10:00:00",
                        "x.dat 16+512 100(3)/mV 12 4 -7 1234 0 lead I",
                        "x.dat 16+512 150 12 0 0"),
                "mem");
        assertEquals("X", h.recordName());
        assertEquals(128.0, h.sampleRate());
        assertEquals(77, h.sampleCount().getAsLong());
        WfdbSignalSpec s = h.signals().get(0);
        assertEquals(512, s.byteOffset());
        assertEquals(100.0, s.gain());
        assertEquals(3.0, s.baseline());
        assertEquals(4, s.adcZero());
        assertEquals(-7, s.initValue());
        assertEquals(1234, s.checksum().getAsInt());
        assertEquals("lead I", s.description());
        assertEquals(0.0, h.signals().get(1).baseline());
        assertEquals(2, h.signalsSharingFileWith(0));
    }

    @Test
    void sampleCountMismatchIsRejected() throws Exception {
        short[] adc = WfdbTestFiles.ramp(900, 7);
        WfdbTestFiles.writeMat(dir, "M", 300, adc, 3, "1000/mV");
        Path hea = WfdbTestFiles.writeHeader(dir, "M", "M 1 300 1000\nM.mat 16+24 1000/mV 16 0 0 0 0 ECG\n");
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> WfdbReader.read(hea, "N", "t"));
        assertTrue(e.reason().contains("1000") && e.reason().contains("900"), e.reason());
        assertTrue(e.locator().endsWith("M.mat"), e.locator());
    }

    @Test
    void truncatedMatIsRejected() throws Exception {
        short[] adc = WfdbTestFiles.ramp(900, 8);
        Path hea = WfdbTestFiles.writeMat(dir, "T", 300, adc, 3, "1000/mV");
        Path mat = dir.resolve("T.mat");
        byte[] bytes = Files.readAllBytes(mat);
        Files.write(mat, Arrays.copyOf(bytes, bytes.length - 101));
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> WfdbReader.read(hea, "N", "t"));
        assertTrue(e.reason().contains("truncated"), e.reason());
        Files.write(mat, Arrays.copyOf(bytes, 10));
        e = assertThrows(EcgFormatException.class, () -> WfdbReader.read(hea, "N", "t"));
        assertTrue(e.reason().contains("truncated"), e.reason());
    }

    @Test
    void truncatedDatIsRejected() throws Exception {
        short[][] adc = {WfdbTestFiles.ramp(100, 9), WfdbTestFiles.ramp(100, 10)};
        Path hea = WfdbTestFiles.writeDat(dir, "TD", 300, adc, "200/mV", false);
        Path dat = dir.resolve("TD.dat");
        byte[] bytes = Files.readAllBytes(dat);
        Files.write(dat, Arrays.copyOf(bytes, bytes.length - 4));
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> WfdbReader.read(hea, "N", "t"));
        assertTrue(e.reason().contains("100") && e.reason().contains("99"), e.reason());
        Files.write(dat, Arrays.copyOf(bytes, bytes.length - 1));
        e = assertThrows(EcgFormatException.class, () -> WfdbReader.read(hea, "N", "t"));
        assertTrue(e.reason().contains("truncated frame"), e.reason());
    }

    @Test
    void emptyRecordIsRejected() throws Exception {
        Files.write(dir.resolve("E.dat"), new byte[0]);
        Path hea = WfdbTestFiles.writeHeader(dir, "E", "E 1 300 0\nE.dat 16 200/mV 16 0 0 0 0\n");
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> WfdbReader.read(hea, "N", "t"));
        assertTrue(e.reason().contains("empty"), e.reason());
    }

    @Test
    void checksumMismatchIsRejected() throws Exception {
        short[][] adc = {WfdbTestFiles.ramp(100, 11)};
        Path hea = WfdbTestFiles.writeDat(dir, "C", 300, adc, "200/mV", true);
        adc[0][50]++;
        WfdbTestFiles.writeDat(dir, "C2", 300, adc, "200/mV", false);
        Files.copy(dir.resolve("C2.dat"), dir.resolve("C.dat"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> WfdbReader.read(hea, "N", "t"));
        assertTrue(e.reason().contains("checksum"), e.reason());
    }

    @Test
    void malformedHeadersAreRejectedWithLine() throws Exception {
        Files.write(dir.resolve("H.dat"), new byte[20]);
        assertHeaderError("H 1 300 10\nH.dat 212 200/mV\n", "format 212");
        assertHeaderError("H 2 300 10\nH.dat 16 200/mV\n", "2 signals");
        assertHeaderError("H x 300 10\nH.dat 16\n", "signal count");
        assertHeaderError("H 1 abc 10\nH.dat 16\n", "sampling frequency");
        assertHeaderError("H 1 300 10\nH.dat 16 200/furlong\n", "units");
        assertHeaderError("H/2 1 300 10\n", "multi-segment");
        assertHeaderError("# only a comment\n", "empty header");
        assertHeaderError("H 1 300 10\nH.dat 16 2x0/mV\n", "gain");
        assertHeaderError("H 1 300 10\nmissing.dat 16 200/mV\n", "missing");
        EcgFormatException e = assertThrows(
                EcgFormatException.class,
                () -> WfdbHeaderParser.parse(List.of("H 1 300 10", "H.dat 16 2x0/mV"), "f.hea"));
        assertEquals("f.hea:2", e.locator());
    }

    private void assertHeaderError(String header, String fragment) throws IOException {
        Path hea = WfdbTestFiles.writeHeader(dir, "H", header);
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> WfdbReader.read(hea, "N", "t"));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void corruptMatHeaderIsRejected() throws Exception {
        short[] adc = WfdbTestFiles.ramp(10, 12);
        Path hea = WfdbTestFiles.writeMat(dir, "K", 300, adc, 3, "1000/mV");
        byte[] bytes = Files.readAllBytes(dir.resolve("K.mat"));
        bytes[0] = 32; // type 32: T digit 2 would be a sparse matrix
        Files.write(dir.resolve("K.mat"), bytes);
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> WfdbReader.read(hea, "N", "t"));
        assertTrue(e.reason().contains("type word"), e.reason());
    }
}
