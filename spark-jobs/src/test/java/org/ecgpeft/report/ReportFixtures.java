package org.ecgpeft.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecgpeft.eval.RocPoint;

/** Small, hand-made report data with known numbers. */
final class ReportFixtures {

    private ReportFixtures() {}

    static DatasetSummary dataset(List<String> sources) {
        Map<String, Long> labels = new LinkedHashMap<>();
        labels.put("normal", 5050L);
        labels.put("af", 738L);
        Map<String, Long> splits = new LinkedHashMap<>();
        splits.put("train", 30000L);
        splits.put("validation", 4000L);
        splits.put("test", 6000L);
        return new DatasetSummary(sources, labels, splits, "per-segment", "v3");
    }

    /**
     * Three families x {lora, houlsby}, one global-norm wav2vec2 LoRA run (ablation) and one MS-CNN run.
     * LoRA params = {@code loraParams}, adapters 900,000; LoRA steps 50 ms, adapters 40 ms; LoRA F1 higher.
     */
    static ReportData data(List<String> sources, long loraParams) {
        List<ModelRun> runs = new ArrayList<>();
        List<MetricRow> metrics = new ArrayList<>();
        List<CurvePoint> curves = new ArrayList<>();
        List<ConfusionCounts> confusions = new ArrayList<>();
        List<RocSeries> rocs = new ArrayList<>();
        String[] families = {"wav2vec2-base", "hubert-base-ls960", "ecg-fm"};
        double[] loraF1 = {0.81, 0.83, 0.88};
        double[] adapterF1 = {0.79, 0.80, 0.86};
        for (int i = 0; i < families.length; i++) {
            String lora = "r" + (2 * i + 1);
            String adapter = "r" + (2 * i + 2);
            runs.add(new ModelRun(
                    lora,
                    "peft",
                    families[i],
                    "lora",
                    "per-segment",
                    loraParams,
                    94_000_000L,
                    "{\"r\":16,\"alpha\":32,\"lr\":0.0005}",
                    1200.5,
                    50.0,
                    2_630_000_000L));
            runs.add(new ModelRun(
                    adapter,
                    "peft",
                    families[i],
                    "houlsby",
                    "per-segment",
                    900_000L,
                    94_000_000L,
                    "{\"bottleneck\":64,\"lr\":0.001}",
                    1100.0,
                    40.0,
                    2_400_000_000L));
            scores(metrics, lora, 0.95, 0.80, loraF1[i] + 0.02, loraF1[i], 0.97);
            scores(metrics, adapter, 0.94, 0.78, adapterF1[i] + 0.02, adapterF1[i], 0.96);
            curve(curves, lora, loraF1[i]);
            curve(curves, adapter, adapterF1[i]);
            confusions.add(new ConfusionCounts(lora, "test", "segment", 700 + i, 120, 5000, 180 - i));
            rocs.add(new RocSeries(lora, "test", "segment", roc(0.1 + 0.05 * i), 0.8 - 0.05 * i));
        }
        runs.add(new ModelRun(
                "r7",
                "peft",
                "wav2vec2-base",
                "lora",
                "global",
                loraParams,
                94_000_000L,
                "{\"r\":16}",
                1190.0,
                50.0,
                2_630_000_000L));
        scores(metrics, "r7", 0.93, 0.75, 0.78, 0.765, 0.95);
        runs.add(new ModelRun(
                "m1",
                "mscnn-llm",
                "ms-cnn",
                "none",
                "per-segment",
                1_100_000L,
                1_100_000L,
                "{\"k_size_stream2\":7}",
                300.0,
                5.0,
                -1));
        scores(metrics, "m1", 0.94, 0.77, 0.79, 0.78, 0.96);
        curve(curves, "m1", 0.78);
        confusions.add(new ConfusionCounts("m1", "test", "segment", 650, 140, 4980, 230));
        rocs.add(new RocSeries("m1", "test", "segment", roc(0.3), 0.7));
        List<ComparisonRow> comparisons = List.of(
                new ComparisonRow("MS-CNN (k=7)", "encoder", "test", 0.94, 0.77, 0.79, 0.78, 0.96, 0.83, Double.NaN),
                new ComparisonRow(
                        "ECG-LLM Qwen3-8B + LoRA",
                        "llm",
                        "test",
                        0.91,
                        0.70,
                        0.72,
                        0.71,
                        Double.NaN,
                        Double.NaN,
                        0.015));
        return new ReportData(dataset(sources), runs, curves, metrics, confusions, rocs, comparisons, List.of());
    }

    private static void scores(
            List<MetricRow> rows, String run, double acc, double precision, double recall, double f1, double auroc) {
        rows.add(new MetricRow(run, "test", "segment", "accuracy", acc));
        rows.add(new MetricRow(run, "test", "segment", "precision", precision));
        rows.add(new MetricRow(run, "test", "segment", "recall", recall));
        rows.add(new MetricRow(run, "test", "segment", "f1", f1));
        rows.add(new MetricRow(run, "test", "segment", "auroc", auroc));
        rows.add(new MetricRow(run, "test", "segment", "auprc", auroc - 0.1));
        // a validation row that must not leak into the test tables
        rows.add(new MetricRow(run, "validation", "segment", "f1", 0.5));
    }

    /** Five epochs; a better final F1 gives a lower loss, so the runs' lines separate. */
    private static void curve(List<CurvePoint> rows, String run, double finalF1) {
        for (int epoch = 0; epoch < 5; epoch++) {
            long step = (epoch + 1) * 100L;
            double progress = (epoch + 1) / 5.0;
            double floor = 1 - finalF1;
            rows.add(new CurvePoint(
                    run,
                    epoch,
                    step,
                    "train",
                    0.7 * Math.exp(-1.2 * progress) + floor / 2,
                    "f1",
                    finalF1 * (0.6 + 0.45 * progress)));
            rows.add(new CurvePoint(
                    run,
                    epoch,
                    step,
                    "validation",
                    0.72 * Math.exp(-progress) + floor,
                    "f1",
                    finalF1 * (0.55 + 0.45 * progress)));
        }
    }

    /** A concave ROC curve (0,0) - (a, 1 - 2a)... - (1,1) with known trapezoid area. */
    static List<RocPoint> roc(double a) {
        return List.of(
                new RocPoint(0, 0, Double.POSITIVE_INFINITY),
                new RocPoint(0.05, 0.6 - a, 0.9),
                new RocPoint(a, 0.9 - a / 2, 0.5),
                new RocPoint(1, 1, 0.0));
    }
}
