package org.ecgpeft.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the WFDB reader on a CinC-style {@code .hea} + MAT v4 record and a two-signal
 * format-16 {@code .dat} record: truncations, byte flips, extreme MAT dimensions and extreme header
 * numbers. Every case must end, within a second and without allocating more than the files could fill,
 * either in an {@link EcgFormatException} naming a file of the record, or in a record whose samples are
 * exactly the int16 values the (possibly mutated) header points at: never in other bytes.
 */
class WfdbReaderFuzzTest {

    private static final int CASES_PER_RECORD = 200;
    private static final int SAMPLES = 600;
    private static final int[] EXTREME_INTS = {-1, 0, 1, 2, 3, 599, 601, 1 << 30, Integer.MAX_VALUE, Integer.MIN_VALUE};
    private static final String[] EXTREME_TOKENS = {
        "-1",
        "0",
        "1",
        "-0",
        "2147483648",
        "9223372036854775807",
        "99999999999999999999",
        "1e308",
        "1e-320",
        "NaN",
        "Infinity",
        "-600",
        "16+-24",
        "16+9999999999",
        "16+2",
        "x",
        "",
        "1000(99999999999)/mV",
        "1000/",
        "/mV"
    };

    @TempDir
    Path dir;

    @Test
    void matRecordSurvivesMutations() throws Exception {
        short[] adc = WfdbTestFiles.ramp(SAMPLES, 21);
        WfdbTestFiles.writeMat(dir, "R", 300, adc, MatV4Matrix.INT16, "1000/mV");
        fuzz("R.mat", 1);
    }

    @Test
    void datRecordSurvivesMutations() throws Exception {
        short[][] adc = {WfdbTestFiles.ramp(SAMPLES, 22), WfdbTestFiles.ramp(SAMPLES, 23)};
        WfdbTestFiles.writeDat(dir, "R", 360, adc, "200(7)/uV", false);
        fuzz("R.dat", 2);
    }

    private void fuzz(String dataName, int signals) throws Exception {
        byte[] hea = Files.readAllBytes(dir.resolve("R.hea"));
        byte[] data = Files.readAllBytes(dir.resolve(dataName));
        SplittableRandom random = new SplittableRandom(20170 + signals);
        int errors = 0;
        for (int i = 0; i < CASES_PER_RECORD; i++) {
            boolean header = random.nextInt(3) == 0;
            byte[] target = header ? hea : data;
            String mutation;
            byte[] mutated;
            switch (random.nextInt(3)) {
                case 0 -> {
                    int length = random.nextInt(target.length);
                    mutated = Arrays.copyOf(target, length);
                    mutation = "truncated to " + length + " bytes";
                }
                case 1 -> {
                    mutated = target.clone();
                    int flips = 1 + random.nextInt(4);
                    StringBuilder where = new StringBuilder("flipped bytes");
                    for (int f = 0; f < flips; f++) {
                        int at = header || random.nextBoolean() ? random.nextInt(mutated.length) : random.nextInt(32);
                        mutated[at] ^= (byte) (1 + random.nextInt(255));
                        where.append(' ').append(at);
                    }
                    mutation = where.toString();
                }
                default -> {
                    if (header) {
                        mutated = replaceToken(hea, random);
                        mutation = "header " + new String(mutated, StandardCharsets.ISO_8859_1).replace('\n', '|');
                    } else {
                        mutated = data.clone();
                        ByteBuffer buf = ByteBuffer.wrap(mutated).order(ByteOrder.LITTLE_ENDIAN);
                        if (dataName.endsWith(".mat")) {
                            // Another element type (double, single, int32, int16, uint16, uint8) and extreme rows x
                            // cols.
                            int type = 10 * random.nextInt(6);
                            int rows = random.nextBoolean() ? 1 : EXTREME_INTS[random.nextInt(EXTREME_INTS.length)];
                            int cols = EXTREME_INTS[random.nextInt(EXTREME_INTS.length)];
                            buf.putInt(0, type).putInt(4, rows).putInt(8, random.nextBoolean() ? SAMPLES : cols);
                            mutation = "MAT type " + type + " shape " + buf.getInt(4) + "x" + buf.getInt(8);
                        } else {
                            int field = 2 * random.nextInt(mutated.length / 2);
                            int value = EXTREME_INTS[random.nextInt(EXTREME_INTS.length)];
                            buf.putShort(field, (short) value);
                            mutation = "int16 at byte " + field + " set to " + value;
                        }
                    }
                }
            }
            Files.write(dir.resolve("R.hea"), header ? mutated : hea);
            Files.write(dir.resolve(dataName), header ? data : mutated);
            String what = "case " + i + " (" + (header ? "R.hea" : dataName) + " " + mutation + ")";
            errors += readOnce(what, dataName, signals, hea.length + data.length) ? 0 : 1;
        }
        // The mix must exercise both outcomes, or the oracle is not being tested.
        assertTrue(errors > CASES_PER_RECORD / 4 && errors < CASES_PER_RECORD, errors + " errors");
    }

    /** Reads the current files once; true when a record came back (and was checked), false for an error. */
    private boolean readOnce(String what, String dataName, int signals, long inputBytes) throws Exception {
        ReaderBudget budget = new ReaderBudget();
        EcgRecord record;
        try {
            record = WfdbReader.read(dir.resolve("R.hea"), "N", "fuzz");
        } catch (EcgFormatException e) {
            budget.check(what, inputBytes);
            assertTrue(e.locator().startsWith(dir.toString()), what + ": locator " + e.locator());
            assertFalse(e.reason().isBlank(), what + ": blank reason");
            return false;
        } catch (Exception | Error e) {
            fail(what + ": " + e, e);
            return false;
        }
        budget.check(what, inputBytes);
        assertArrayEquals(expected(dataName, signals), record.signal(), what);
        return true;
    }

    /** Lead 0 as the header describes it: int16 little-endian at its byte offset, one frame per sample. */
    private float[] expected(String dataName, int signals) throws Exception {
        WfdbHeader header = WfdbHeaderParser.parse(dir.resolve("R.hea"));
        WfdbSignalSpec lead = header.signals().get(0);
        byte[] data = Files.readAllBytes(dir.resolve(dataName));
        long offset = dataName.endsWith(".mat") ? 24 : lead.byteOffset();
        int n = (int) ((data.length - offset) / (2L * signals));
        double scale = lead.millivoltsPerUnit("oracle") / lead.gain();
        float[] mv = new float[n];
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            mv[i] = (float) ((buf.getShort((int) (offset + 2L * signals * i)) - lead.baseline()) * scale);
        }
        assertEquals(SAMPLES, header.sampleCount().orElse(n), "a read record has the header's sample count");
        return mv;
    }

    /** The header with one whitespace-separated token replaced by an extreme value. */
    private static byte[] replaceToken(byte[] hea, SplittableRandom random) {
        List<String> lines = Arrays.asList(new String(hea, StandardCharsets.ISO_8859_1).split("\n"));
        int line = random.nextInt(lines.size());
        String[] tokens = lines.get(line).split(" ");
        tokens[random.nextInt(tokens.length)] = EXTREME_TOKENS[random.nextInt(EXTREME_TOKENS.length)];
        lines.set(line, String.join(" ", tokens));
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
