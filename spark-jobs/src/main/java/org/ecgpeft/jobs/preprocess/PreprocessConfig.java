package org.ecgpeft.jobs.preprocess;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecgpeft.signal.WindowSpec;

/**
 * Validated settings of the preprocess job.
 *
 * @param tablesRoot the Delta table root
 * @param window     window length, stride and pad policy (validated by {@link WindowSpec} itself)
 * @param norm       z-score mode
 * @param split      record-level split plan
 */
public record PreprocessConfig(String tablesRoot, WindowSpec window, NormMode norm, SplitPlan split) {
  private static final Pattern RECORDS_VERSION = Pattern.compile("records@v(\\d+)/");

  /** Validates the settings, naming the option at fault. */
  public PreprocessConfig {
    if (tablesRoot == null || tablesRoot.isBlank()) {
      throw new IllegalArgumentException("--tables must name a table root");
    }
  }

  /**
   * The data version of segments made from {@code ecg_records} at {@code recordsVersion} with these
   * settings, e.g. {@code records@v3/w600s600-zero/split75-10-15@42/per-segment}.
   */
  public String dataVersion(long recordsVersion) {
    return "records@v" + recordsVersion + "/w" + window.length() + "s" + window.stride() + "-"
        + padName(window) + "/split" + split.tag() + "/" + norm.label();
  }

  /**
   * The {@code ecg_records} version a data version was made from (the inverse of {@link #dataVersion}'s
   * first part), so a job can time-travel to the very records behind some segments.
   */
  public static long recordsVersion(String dataVersion) {
    Matcher m = RECORDS_VERSION.matcher(dataVersion);
    if (!m.lookingAt()) {
      throw new IllegalArgumentException("data version '" + dataVersion
          + "' does not start with records@v<N>/: it was not written by the preprocess job");
    }
    return Long.parseLong(m.group(1));
  }

  /** The command-line name of the window's pad policy. */
  public static String padName(WindowSpec w) {
    return switch (w.pad()) {
      case ZERO_PAD -> "zero";
      default -> w.pad().name().toLowerCase(Locale.ROOT);
    };
  }
}
