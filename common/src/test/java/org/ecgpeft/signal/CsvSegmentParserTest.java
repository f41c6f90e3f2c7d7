package org.ecgpeft.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CsvSegmentParserTest {

    @Test
    void parsesSamplesAndLabel() throws Exception {
        CsvSegmentParser p = new CsvSegmentParser(4);
        CsvSegment s = p.parse("0.5,-1.25e-1, 3 ,+7E2,1\r\n", 12);
        assertEquals(12, s.lineNumber());
        assertArrayEquals(new float[] {0.5f, -0.125f, 3f, 700f}, s.samples());
        assertEquals(1, s.label());
        assertEquals("A", s.cincLabel());
        CsvSegment z = p.parse("-0,.25,1.,0.000000000000000000000000123456789,0.0", 13);
        assertArrayEquals(new float[] {-0f, 0.25f, 1f, 1.23456789e-25f}, z.samples());
        assertEquals(0, z.label());
        assertEquals("N", z.cincLabel());
    }

    @Test
    void infersWidthFromFirstRow() throws Exception {
        CsvSegmentParser p = new CsvSegmentParser(0);
        assertEquals(0, p.expectedSamples());
        p.parse("1,2,3,0", 2);
        assertEquals(3, p.expectedSamples());
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> p.parse("1,2,3,4,0", 3));
        assertTrue(e.reason().contains("expected 4 columns") && e.reason().contains("found 5"), e.reason());
    }

    @Test
    void rejectsBadRowsWithReasons() {
        CsvSegmentParser p = new CsvSegmentParser("seg.csv", 3);
        assertReject(p, "1,2,0", "expected 4 columns (3 samples and a label), found 3");
        assertReject(p, "1,2,3,4,0", "found 5");
        assertReject(p, "1,abc,3,0", "non-numeric value 'abc' in column 2");
        assertReject(p, "1,NaN,3,0", "non-finite value 'NaN' in column 2");
        assertReject(p, "1,2,-Infinity,0", "non-finite value '-Infinity' in column 3");
        assertReject(p, "1,2,1e400,0", "non-finite value '1e400' in column 3");
        assertReject(p, "1,2,1e39,0", "overflows a float");
        assertReject(p, "1,,3,0", "empty value in column 2");
        assertReject(p, "1,2,3,2", "label must be 0 or 1, found '2'");
        assertReject(p, "1,2,3,0.5", "label must be 0 or 1");
        assertReject(p, "1,2,3,x", "non-numeric value 'x' in column 4");
        assertReject(p, "1,2,3,0,", "found 5");
        assertReject(p, "1,2,3e,0", "non-numeric value '3e'");
        assertReject(p, "1,2,0x10,0", "non-numeric");
        assertReject(p, "1,2,1f,0", "non-numeric");
        assertReject(p, "", "empty line");
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> p.parse("1,2,0", 41));
        assertEquals("seg.csv:41", e.locator());
        assertEquals(
                "line 7",
                assertThrows(EcgFormatException.class, () -> new CsvSegmentParser(3).parse("x", 7))
                        .locator());
    }

    private static void assertReject(CsvSegmentParser p, String line, String fragment) {
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> p.parse(line, 5), line);
        assertTrue(e.reason().contains(fragment), "'" + line + "' gave: " + e.reason());
    }

    @Test
    void detectsHeaders() {
        CsvSegmentParser p = new CsvSegmentParser(3);
        assertTrue(p.isHeader("0,1,2,3"));
        assertTrue(p.isHeader("0,1,2,label"));
        assertTrue(p.isHeader("x1,x2,x3,y\r\n"));
        assertTrue(p.isHeader("\"s0\",\"s1\",\"s2\",\"label\""));
        assertFalse(p.isHeader("0.1,0.2,0.3,1"));
        assertFalse(p.isHeader("0.1,abc,0.3,1"));
        assertFalse(p.isHeader("0,1,NaN,1"));
        assertFalse(p.isHeader(""));
    }

    @Test
    void numbersMatchFloatParseFloat() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        CsvSegmentParser p = new CsvSegmentParser(1);
        for (int i = 0; i < 50_000; i++) {
            String text;
            switch (i % 4) {
                case 0:
                    text = Float.toString((float) rnd.nextDouble(-5, 5));
                    break;
                case 1:
                    text = Double.toString(rnd.nextDouble(-5, 5));
                    break;
                case 2:
                    text = String.format(Locale.ROOT, "%.6e", rnd.nextDouble(-1e6, 1e6));
                    break;
                default:
                    text = String.format(Locale.ROOT, "%.18f", rnd.nextDouble(-1, 1));
                    break;
            }
            float parsed = p.parse(text + ",0", i).samples()[0];
            assertEquals(Float.parseFloat(text), parsed, text);
        }
    }

    @Test
    void aHugeDeclaredWidthIsAColumnCountErrorNotAnAllocation() {
        CsvSegmentParser p = new CsvSegmentParser("big.csv", Integer.MAX_VALUE - 1);
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> p.parse("1,2,0", 3));
        assertEquals("big.csv:3", e.locator());
        assertTrue(e.reason().contains("found 3"), e.reason());
    }
}
