package org.ecgpeft.jobs.preprocess;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecgpeft.signal.PadPolicy;
import org.ecgpeft.signal.RecordSplitter.Rule;
import org.ecgpeft.signal.WindowSpec;

/**
 * Validated settings of the preprocess job. Its data version names everything that made the segments (the
 * {@code ecg_records} version, window, split rule and shares, norm mode), so {@link #fromDataVersion} can
 * rebuild the recipe of any segments, e.g. to prepare newer records exactly as a model's training data was.
 *
 * @param tablesRoot the Delta table root
 * @param window     window length, stride and pad policy (validated by {@link WindowSpec} itself)
 * @param norm       z-score mode
 * @param split      record-level split plan
 */
public record PreprocessConfig(String tablesRoot, WindowSpec window, NormMode norm, SplitPlan split) {
    /** A data version; a split without a rule name predates the stable rule, so it was cut by quota. */
    private static final Pattern DATA_VERSION = Pattern.compile("records@v(\\d+)/w(\\d+)s(\\d+)-(zero|drop|reflect)"
            + "/split-?(stable|quota)?(\\d+)-(\\d+)-(\\d+)@(-?\\d+)/(per-segment|global)");

    /** Validates the settings, naming the option at fault. */
    public PreprocessConfig {
        if (tablesRoot == null || tablesRoot.isBlank()) {
            throw new IllegalArgumentException("--tables must name a table root");
        }
    }

    /**
     * The data version of segments made from {@code ecg_records} at {@code recordsVersion} with these
     * settings, e.g. {@code records@v3/w600s600-zero/split-stable75-10-15@42/per-segment}.
     */
    public String dataVersion(long recordsVersion) {
        return "records@v" + recordsVersion + "/w" + window.length() + "s" + window.stride() + "-" + padName(window)
                + "/split-" + split.tag() + "/" + norm.label();
    }

    /**
     * The settings that made segments of {@code dataVersion} (the inverse of {@link #dataVersion}), with
     * {@code lake.runs.RunRegistry.recordsVersion} telling which records they were made from.
     *
     * @throws IllegalArgumentException naming the data version when the preprocess job did not write it
     */
    public static PreprocessConfig fromDataVersion(String tablesRoot, String dataVersion) {
        Matcher m = DATA_VERSION.matcher(dataVersion);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "data version '" + dataVersion + "' does not look like records@v<N>/w<len>s"
                            + "<stride>-<pad>/split-<rule><T>-<V>-<T>@<seed>/<norm>: it was not written by the preprocess job");
        }
        Rule rule = m.group(5) == null ? Rule.QUOTA : Rule.parse(m.group(5));
        SplitPlan split = new SplitPlan(
                rule,
                Integer.parseInt(m.group(6)) / 100.0,
                Integer.parseInt(m.group(7)) / 100.0,
                Integer.parseInt(m.group(8)) / 100.0,
                Long.parseLong(m.group(9)));
        return new PreprocessConfig(
                tablesRoot,
                new WindowSpec(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), pad(m.group(4))),
                NormMode.parse(m.group(10)),
                split);
    }

    /** The command-line name of the window's pad policy. */
    public static String padName(WindowSpec w) {
        return switch (w.pad()) {
            case ZERO_PAD -> "zero";
            default -> w.pad().name().toLowerCase(Locale.ROOT);
        };
    }

    /** Parses a pad policy's command-line name ({@code zero}, {@code drop}, {@code reflect}). */
    public static PadPolicy pad(String s) {
        return switch (s) {
            case "zero" -> PadPolicy.ZERO_PAD;
            case "drop" -> PadPolicy.DROP;
            case "reflect" -> PadPolicy.REFLECT;
            default -> throw new IllegalArgumentException("--pad must be zero, drop or reflect, got '" + s + "'");
        };
    }
}
