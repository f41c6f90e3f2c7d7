package org.ecgpeft.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The metric comparison tables: per run, model x PEFT method, normalisation ablation, MS-CNN vs ECG-LLM. */
final class MetricTables {

    private final ReportData data;
    private final ReportSettings settings;
    private final MetricLookup metrics;

    MetricTables(ReportData data, ReportSettings settings) {
        this.data = data;
        this.settings = settings;
        this.metrics = new MetricLookup(data.metrics(), settings.split(), settings.level());
    }

    /** Every run with its headline metrics on the report's split and level. */
    MarkdownTable perRun() {
        List<String> columns = new ArrayList<>(List.of("run", "study", "model", "PEFT", "norm"));
        MetricLookup.HEADLINE.forEach(m -> columns.add(">" + m));
        MarkdownTable table = new MarkdownTable(columns.toArray(String[]::new));
        for (ModelRun run : data.runs()) {
            List<Object> cells =
                    new ArrayList<>(List.of(run.runId(), run.study(), run.family(), run.peft(), run.normMode()));
            MetricLookup.HEADLINE.forEach(m -> cells.add(MarkdownTable.metric(metrics.get(run.runId(), m))));
            table.row(cells.toArray());
        }
        return table;
    }

    /**
     * Models as rows, PEFT methods as columns, the headline metric in the cells (best run when several share a
     * cell, e.g. different hyper-parameters). Only runs on the dataset's normalisation mode enter, so the
     * ablation runs do not mix in.
     */
    MarkdownTable modelByMethod() {
        Set<String> families = new LinkedHashSet<>();
        Set<String> methods = new LinkedHashSet<>();
        Map<String, Double> best = new LinkedHashMap<>();
        for (ModelRun run : data.runs()) {
            double v = metrics.get(run.runId(), settings.metric());
            if (Double.isNaN(v) || !run.normMode().equals(data.dataset().normMode())) {
                continue;
            }
            families.add(run.family());
            methods.add(run.peft());
            best.merge(run.family() + "\u0000" + run.peft(), v, Math::max);
        }
        List<String> columns = new ArrayList<>(List.of("model"));
        methods.forEach(m -> columns.add(">" + m));
        MarkdownTable table = new MarkdownTable(columns.toArray(String[]::new));
        for (String family : families) {
            List<Object> cells = new ArrayList<>(List.of(family));
            methods.forEach(m -> cells.add(MarkdownTable.metric(best.getOrDefault(family + "\u0000" + m, Double.NaN))));
            table.row(cells.toArray());
        }
        return table;
    }

    /** Headline metric per normalisation mode, with the difference of the first two modes. */
    MarkdownTable normAblation() {
        List<NormAblation.Row> rows = NormAblation.rows(data, settings);
        List<String> modes = NormAblation.modes(rows);
        List<String> columns = new ArrayList<>(List.of("model", "PEFT"));
        modes.forEach(m -> columns.add(">" + m));
        if (modes.size() >= 2) {
            columns.add(">" + modes.get(0) + " \u2212 " + modes.get(1));
        }
        MarkdownTable table = new MarkdownTable(columns.toArray(String[]::new));
        for (NormAblation.Row row : rows) {
            List<Object> cells = new ArrayList<>(List.of(row.family(), row.peft()));
            modes.forEach(m -> cells.add(MarkdownTable.metric(row.byMode().getOrDefault(m, Double.NaN))));
            if (modes.size() >= 2) {
                double a = row.byMode().getOrDefault(modes.get(0), Double.NaN);
                double b = row.byMode().getOrDefault(modes.get(1), Double.NaN);
                cells.add(Double.isNaN(a - b) ? "\u2013" : String.format(Locale.ROOT, "%+.4f", a - b));
            }
            table.row(cells.toArray());
        }
        return table;
    }

    /** The MS-CNN vs ECG-LLM rows as given. */
    MarkdownTable encoderVsLlm() {
        MarkdownTable table = new MarkdownTable(
                "system",
                "kind",
                "split",
                ">accuracy",
                ">precision",
                ">recall",
                ">f1",
                ">auroc",
                ">auprc",
                ">invalid answers");
        for (ComparisonRow r : data.comparisons()) {
            table.row(
                    r.system(),
                    r.kind(),
                    r.split(),
                    MarkdownTable.metric(r.accuracy()),
                    MarkdownTable.metric(r.precision()),
                    MarkdownTable.metric(r.recall()),
                    MarkdownTable.metric(r.f1()),
                    MarkdownTable.metric(r.auroc()),
                    MarkdownTable.metric(r.auprc()),
                    MarkdownTable.metric(r.invalidRate()));
        }
        return table;
    }
}
