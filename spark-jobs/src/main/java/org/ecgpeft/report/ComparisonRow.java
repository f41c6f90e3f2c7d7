package org.ecgpeft.report;

/**
 * One system in the MS-CNN vs ECG-LLM comparison (same test data, record or segment level).
 *
 * @param system      display name, e.g. {@code MS-CNN (k=7)} or {@code ECG-LLM Qwen3-8B + LoRA}
 * @param kind        {@code encoder} (classifier head) or {@code llm} (answers parsed from generated text)
 * @param split       split evaluated
 * @param accuracy    accuracy
 * @param precision   AF precision
 * @param recall      AF recall
 * @param f1          AF F1
 * @param auroc       AUROC, NaN when the system gives no score (e.g. greedy LLM answers)
 * @param auprc       average precision (AUPRC), NaN when the AUROC is
 * @param invalidRate share of answers that could not be parsed (LLM), NaN for encoders
 */
public record ComparisonRow(
        String system,
        String kind,
        String split,
        double accuracy,
        double precision,
        double recall,
        double f1,
        double auroc,
        double auprc,
        double invalidRate) {

    public ComparisonRow {
        Require.text(system, "comparison.system");
        String where = "comparison[" + system + "].";
        Require.text(kind, where + "kind");
        Require.text(split, where + "split");
        Require.unitOrNaN(accuracy, where + "accuracy");
        Require.unitOrNaN(precision, where + "precision");
        Require.unitOrNaN(recall, where + "recall");
        Require.unitOrNaN(f1, where + "f1");
        Require.unitOrNaN(auroc, where + "auroc");
        Require.unitOrNaN(auprc, where + "auprc");
        Require.unitOrNaN(invalidRate, where + "invalidRate");
    }
}
