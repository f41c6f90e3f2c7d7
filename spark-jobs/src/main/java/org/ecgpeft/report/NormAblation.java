package org.ecgpeft.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The normalisation ablation: the headline metric of each (family, PEFT) configuration trained under more
 * than one normalisation mode, per mode.
 */
public final class NormAblation {

    /**
     * One configuration of the ablation.
     *
     * @param family model family
     * @param peft   PEFT method
     * @param byMode headline metric per normalisation mode (the best run when a mode has several)
     */
    public record Row(String family, String peft, Map<String, Double> byMode) {

        public Row {
            byMode = Collections.unmodifiableMap(new LinkedHashMap<>(byMode));
        }

        /** Category label for charts and tables. */
        public String label() {
            return family + " / " + peft;
        }
    }

    private NormAblation() {}

    /** Normalisation modes seen in the ablation rows, in first-seen order. */
    public static List<String> modes(List<Row> rows) {
        Set<String> modes = new LinkedHashSet<>();
        rows.forEach(r -> modes.addAll(r.byMode().keySet()));
        return List.copyOf(modes);
    }

    /** Rows for every configuration with at least two scored normalisation modes, in run order. */
    public static List<Row> rows(ReportData data, ReportSettings settings) {
        MetricLookup metrics = new MetricLookup(data.metrics(), settings.split(), settings.level());
        Map<String, Map<String, Double>> byConfig = new LinkedHashMap<>();
        Map<String, ModelRun> firstRun = new LinkedHashMap<>();
        for (ModelRun run : data.runs()) {
            double value = metrics.get(run.runId(), settings.metric());
            if (Double.isNaN(value)) {
                continue;
            }
            String key = run.family() + "\u0000" + run.peft();
            firstRun.putIfAbsent(key, run);
            byConfig.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(run.normMode(), value, Math::max);
        }
        List<Row> rows = new ArrayList<>();
        byConfig.forEach((key, modes) -> {
            if (modes.size() >= 2) {
                ModelRun run = firstRun.get(key);
                rows.add(new Row(run.family(), run.peft(), modes));
            }
        });
        return rows;
    }
}
