package org.ecgpeft.report;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One rendered chart.
 *
 * @param section report section the chart belongs to
 * @param title   chart title (used as the image's alt text)
 * @param file    the PNG file
 */
public record ChartFile(ChartSection section, String title, Path file) {

    public ChartFile {
        Objects.requireNonNull(section, "chart.section");
        Require.text(title, "chart.title");
        Objects.requireNonNull(file, "chart.file");
    }
}
