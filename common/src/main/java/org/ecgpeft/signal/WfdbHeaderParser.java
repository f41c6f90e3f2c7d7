package org.ecgpeft.signal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Parser for single-segment WFDB headers: a record line
 * {@code name nsig [fs[/counterfreq[(base)]] [nsamp [time [date]]]]} followed by {@code nsig} signal
 * lines {@code file format[+offset] [gain[(baseline)][/units] [adcres [adczero [initval [checksum
 * [blocksize [description]]]]]]]}. Comment lines start with '#'.
 */
public final class WfdbHeaderParser {

    /** WFDB's default when the record line has no sampling frequency. */
    static final double DEFAULT_SAMPLE_RATE = 250.0;
    /** WFDB's default when a signal line has no (or zero) gain. */
    static final double DEFAULT_GAIN = 200.0;

    private WfdbHeaderParser() {}

    /** Parses the header file; a malformed header fails naming the file and line. */
    public static WfdbHeader parse(Path headerFile) throws IOException, EcgFormatException {
        String text = new String(
                BoundedFiles.readAll(headerFile, BoundedFiles.MAX_HEADER_BYTES), StandardCharsets.ISO_8859_1);
        return parse(List.of(text.split("\r?\n|\r")), headerFile.toString());
    }

    /** Parses header lines; {@code locator} names their origin in error messages. */
    public static WfdbHeader parse(List<String> lines, String locator) throws EcgFormatException {
        List<String[]> content = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).trim();
            if (!text.isEmpty() && text.charAt(0) != '#') {
                content.add(text.split("\\s+"));
                lineNumbers.add(i + 1);
            }
        }
        if (content.isEmpty()) {
            throw new EcgFormatException(locator, "empty header (no record line)");
        }
        String[] record = content.get(0);
        String recordLocator = locator + ":" + lineNumbers.get(0);
        if (record.length < 2) {
            throw new EcgFormatException(recordLocator, "record line needs at least a name and a signal count");
        }
        if (record[0].indexOf('/') >= 0) {
            throw new EcgFormatException(
                    recordLocator, "multi-segment records are not supported ('" + record[0] + "')");
        }
        int nsig = parseInt(record[1], recordLocator, "signal count");
        if (nsig < 1) {
            throw new EcgFormatException(recordLocator, "record has no signals (signal count " + nsig + ")");
        }
        double fs = record.length > 2 ? parseSampleRate(record[2], recordLocator) : DEFAULT_SAMPLE_RATE;
        OptionalLong nsamp = OptionalLong.empty();
        if (record.length > 3) {
            long n = parseLong(record[3], recordLocator, "sample count");
            if (n < 0) {
                throw new EcgFormatException(recordLocator, "negative sample count " + n);
            }
            nsamp = OptionalLong.of(n);
        }
        if (content.size() - 1 < nsig) {
            throw new EcgFormatException(
                    locator, "header declares " + nsig + " signals but has " + (content.size() - 1) + " signal lines");
        }
        List<WfdbSignalSpec> signals = new ArrayList<>(nsig);
        for (int s = 0; s < nsig; s++) {
            signals.add(parseSignal(content.get(s + 1), locator + ":" + lineNumbers.get(s + 1)));
        }
        return new WfdbHeader(record[0], fs, nsamp, signals);
    }

    private static double parseSampleRate(String token, String locator) throws EcgFormatException {
        int end = token.length();
        int slash = token.indexOf('/');
        if (slash >= 0) {
            end = slash;
        }
        double fs = parseDouble(token.substring(0, end), locator, "sampling frequency");
        if (fs == 0) {
            return DEFAULT_SAMPLE_RATE;
        }
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new EcgFormatException(locator, "invalid sampling frequency '" + token + "'");
        }
        return fs;
    }

    private static WfdbSignalSpec parseSignal(String[] f, String locator) throws EcgFormatException {
        if (f.length < 2) {
            throw new EcgFormatException(locator, "signal line needs at least a file name and a format");
        }
        String fmt = f[1];
        if (fmt.indexOf('x') >= 0 || fmt.indexOf(':') >= 0) {
            throw new EcgFormatException(locator, "samples-per-frame and skew ('" + fmt + "') are not supported");
        }
        int plus = fmt.indexOf('+');
        int format = parseInt(plus >= 0 ? fmt.substring(0, plus) : fmt, locator, "format");
        long offset = plus >= 0 ? parseLong(fmt.substring(plus + 1), locator, "byte offset") : 0;
        if (offset < 0) {
            throw new EcgFormatException(locator, "negative byte offset in '" + fmt + "'");
        }
        double gain = DEFAULT_GAIN;
        String units = "mV";
        Double baseline = null;
        if (f.length > 2) {
            String g = f[2];
            int slash = g.indexOf('/');
            if (slash >= 0) {
                units = g.substring(slash + 1);
                g = g.substring(0, slash);
            }
            int open = g.indexOf('(');
            if (open >= 0) {
                int close = g.indexOf(')', open);
                if (close < 0) {
                    throw new EcgFormatException(locator, "unbalanced baseline parenthesis in '" + f[2] + "'");
                }
                baseline = (double) parseInt(g.substring(open + 1, close), locator, "baseline");
                g = g.substring(0, open);
            }
            double parsed = parseDouble(g, locator, "gain");
            if (!(parsed >= 0) || Double.isInfinite(parsed)) {
                throw new EcgFormatException(
                        locator,
                        "invalid gain '" + f[2] + "' (ADC units per physical unit," + " must be positive and finite)");
            }
            if (parsed != 0) {
                gain = parsed;
            }
        }
        // f[3] is the ADC resolution: informational only for format 16.
        int adcZero = f.length > 4 ? parseInt(f[4], locator, "ADC zero") : 0;
        int initValue = f.length > 5 ? parseInt(f[5], locator, "initial value") : 0;
        OptionalInt checksum = f.length > 6 ? OptionalInt.of(parseInt(f[6], locator, "checksum")) : OptionalInt.empty();
        StringBuilder description = new StringBuilder();
        for (int i = 8; i < f.length; i++) {
            if (description.length() > 0) {
                description.append(' ');
            }
            description.append(f[i]);
        }
        return new WfdbSignalSpec(
                f[0],
                format,
                offset,
                gain,
                baseline != null ? baseline : adcZero,
                units,
                adcZero,
                initValue,
                checksum,
                description.toString());
    }

    private static int parseInt(String token, String locator, String what) throws EcgFormatException {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new EcgFormatException(locator, "invalid " + what + " '" + token + "'");
        }
    }

    private static long parseLong(String token, String locator, String what) throws EcgFormatException {
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw new EcgFormatException(locator, "invalid " + what + " '" + token + "'");
        }
    }

    private static double parseDouble(String token, String locator, String what) throws EcgFormatException {
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw new EcgFormatException(locator, "invalid " + what + " '" + token + "'");
        }
    }
}
