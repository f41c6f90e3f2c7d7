package org.ecgpeft.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes {@code report.md}: data and preprocessing, models and PEFT, metric comparisons, curves, confusion
 * matrices, ROC, trade-offs, with the charts embedded by relative links and the data attribution whenever
 * CinC 2017 data is a source.
 */
public final class MarkdownReport {

    private final ReportData data;
    private final ReportSettings settings;
    private final List<ChartFile> charts;

    public MarkdownReport(ReportData data, ReportSettings settings, List<ChartFile> charts) {
        this.data = Objects.requireNonNull(data, "report.data");
        this.settings = Objects.requireNonNull(settings, "report.settings");
        this.charts = List.copyOf(Objects.requireNonNull(charts, "report.charts"));
    }

    /** Writes the report to {@code file} (image links relative to its folder) and returns the file. */
    public Path write(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Files.writeString(file, render(dir), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + file, e);
        }
    }

    /** The Markdown text; {@code dir} is the folder image links are made relative to. */
    public String render(Path dir) {
        StringBuilder md = new StringBuilder();
        DatasetSummary ds = data.dataset();
        md.append("# ECG PEFT report\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "Data version `%s`; metrics on split `%s`, %s level; " + "headline metric `%s`.%n%n",
                        ds.dataVersion(),
                        settings.split(),
                        settings.level(),
                        settings.metric()));
        dataSection(md);
        modelSection(md);
        metricSection(md, dir);
        md.append("## Training curves\n\n");
        images(md, dir, ChartSection.CURVES, "No training curves recorded.");
        confusionSection(md, dir);
        rocSection(md, dir);
        md.append("## Trade-offs: bottleneck adapters vs LoRA\n\n");
        new PeftTradeOff(data, settings)
                .describe()
                .forEach(line -> md.append("- ").append(line).append('\n'));
        md.append('\n');
        images(md, dir, ChartSection.TRADE_OFF, "No run has both a cost measurement and the headline metric.");
        md.append("## Drift across records versions\n\n");
        images(md, dir, ChartSection.DRIFT, "No run has been evaluated on more than one ecg_records version yet.");
        if (data.usesCinc2017()) {
            md.append("## Data attribution\n\n").append(Attribution.CINC_2017).append(".\n");
        }
        return md.toString();
    }

    private void dataSection(StringBuilder md) {
        DatasetSummary ds = data.dataset();
        md.append("## Data and preprocessing\n\n")
                .append("Sources: ")
                .append(
                        ds.sources().isEmpty()
                                ? "none recorded"
                                : String.join(
                                        ", ",
                                        ds.sources().stream()
                                                .map(s -> "`" + s + "`")
                                                .toList()))
                .append(".\n");
        if (data.usesCinc2017()) {
            md.append("Data: ").append(Attribution.CINC_2017).append(".\n");
        }
        md.append("Normalisation: `")
                .append(ds.normMode())
                .append("`. Data version: `")
                .append(ds.dataVersion())
                .append("`.\n\n");
        MarkdownTable labels = new MarkdownTable("label", ">records", ">share");
        ds.recordsPerLabel()
                .forEach((label, n) -> labels.row(label, MarkdownTable.count(n), share(n, ds.totalRecords())));
        labels.row("**total**", MarkdownTable.count(ds.totalRecords()), share(ds.totalRecords(), ds.totalRecords()));
        MarkdownTable splits = new MarkdownTable("split", ">segments", ">share");
        ds.segmentsPerSplit()
                .forEach((split, n) -> splits.row(split, MarkdownTable.count(n), share(n, ds.totalSegments())));
        splits.row("**total**", MarkdownTable.count(ds.totalSegments()), share(ds.totalSegments(), ds.totalSegments()));
        md.append(labels.render()).append('\n').append(splits.render()).append('\n');
    }

    /**
     * What the memory column measures. On CPU the figure is process-wide resident growth, so within one study JVM
     * it depends on which runs came first; readers must not take it for a per-method cost there.
     */
    static final String MEMORY_NOTE = "Peak memory: on a GPU, device memory in use after the run; on CPU, how far"
            + " the process's resident memory grew during the run. Runs later in one study reuse memory that earlier"
            + " runs freed, so on CPU the column ranks runs by their order more than by their method.";

    private void modelSection(StringBuilder md) {
        md.append("## Models and PEFT\n\n");
        MarkdownTable params = new MarkdownTable(
                "run",
                "study",
                "model",
                "PEFT",
                "norm",
                ">trainable params",
                ">total params",
                ">trainable %",
                ">train s",
                ">step ms",
                ">peak memory");
        MarkdownTable hyper = new MarkdownTable("run", "hyper-parameters");
        for (ModelRun r : data.runs()) {
            params.row(
                    r.runId(),
                    r.study(),
                    r.family(),
                    r.peft(),
                    r.normMode(),
                    MarkdownTable.count(r.trainableParams()),
                    MarkdownTable.count(r.totalParams()),
                    MarkdownTable.fixed(r.trainablePercent(), 3),
                    MarkdownTable.fixed(r.trainSeconds(), 1),
                    MarkdownTable.fixed(r.stepMillis(), 1),
                    MarkdownTable.memory(r.peakMemoryGiB()));
            hyper.row(r.runId(), "`" + r.hyperParamsJson() + "`");
        }
        md.append(params.isEmpty() ? "No models registered.\n" : params.render())
                .append('\n');
        if (!params.isEmpty()) {
            md.append(MEMORY_NOTE).append("\n\n");
        }
        if (!hyper.isEmpty()) {
            md.append("### Hyper-parameters\n\n").append(hyper.render()).append('\n');
        }
    }

    private void metricSection(StringBuilder md, Path dir) {
        MetricTables tables = new MetricTables(data, settings);
        md.append("## Metric comparison\n\n### All runs (")
                .append(settings.split())
                .append(", ")
                .append(settings.level())
                .append(" level)\n\n")
                .append(tables.perRun().render())
                .append('\n');
        images(md, dir, ChartSection.METRICS, "");
        MarkdownTable byMethod = tables.modelByMethod();
        md.append("### Models x PEFT methods (")
                .append(settings.metric())
                .append(", normalisation `")
                .append(data.dataset().normMode())
                .append("`)\n\n")
                .append(byMethod.isEmpty() ? "No scored runs.\n" : byMethod.render())
                .append('\n');
        MarkdownTable ablation = tables.normAblation();
        md.append("### Normalisation ablation (")
                .append(settings.metric())
                .append(")\n\n")
                .append(
                        ablation.isEmpty()
                                ? "No configuration was trained under more than one normalisation.\n"
                                : ablation.render())
                .append('\n');
        images(md, dir, ChartSection.NORM_ABLATION, "");
        md.append("### MS-CNN vs ECG-LLM\n\n")
                .append(
                        data.comparisons().isEmpty()
                                ? "No comparison rows.\n"
                                : tables.encoderVsLlm().render())
                .append('\n');
    }

    private void confusionSection(StringBuilder md, Path dir) {
        md.append("## Confusion matrices\n\n");
        if (!data.confusions().isEmpty()) {
            MarkdownTable table =
                    new MarkdownTable("run", "split", "level", ">TP (AF)", ">FP", ">TN (normal)", ">FN", ">total");
            data.confusions()
                    .forEach(c -> table.row(
                            c.runId(),
                            c.split(),
                            c.level(),
                            MarkdownTable.count(c.tp()),
                            MarkdownTable.count(c.fp()),
                            MarkdownTable.count(c.tn()),
                            MarkdownTable.count(c.fn()),
                            MarkdownTable.count(c.total())));
            md.append(table.render()).append('\n');
        }
        images(md, dir, ChartSection.CONFUSION, "No confusion counts recorded.");
    }

    private void rocSection(StringBuilder md, Path dir) {
        md.append("## ROC\n\n");
        if (!data.rocs().isEmpty()) {
            MarkdownTable table = new MarkdownTable("run", "split", "level", ">AUROC (trapezoid)", ">AUPRC");
            data.rocs()
                    .forEach(r -> table.row(
                            r.runId(),
                            r.split(),
                            r.level(),
                            MarkdownTable.metric(r.auroc()),
                            MarkdownTable.metric(r.auprc())));
            md.append(table.render()).append('\n');
        }
        images(md, dir, ChartSection.ROC, "No ROC curves recorded.");
    }

    private void images(StringBuilder md, Path dir, ChartSection section, String whenNone) {
        List<ChartFile> inSection =
                charts.stream().filter(c -> c.section() == section).toList();
        if (inSection.isEmpty()) {
            if (!whenNone.isEmpty()) {
                md.append(whenNone).append("\n\n");
            }
            return;
        }
        for (ChartFile chart : inSection) {
            String link =
                    dir.relativize(chart.file().toAbsolutePath()).toString().replace('\\', '/');
            md.append("![")
                    .append(chart.title().replace("]", ")"))
                    .append("](")
                    .append(link)
                    .append(")\n\n");
        }
    }

    private static String share(long n, long total) {
        return total == 0 ? "\u2013" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / total);
    }
}
