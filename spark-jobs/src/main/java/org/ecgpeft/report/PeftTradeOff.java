package org.ecgpeft.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Derives the adapters-vs-LoRA trade-off from the measured numbers: which kind trains fewer parameters,
 * steps faster, uses less memory and scores higher. Nothing here is asserted in advance; every sentence is
 * computed from the runs and metrics given.
 */
public final class PeftTradeOff {

    /**
     * Mean figures of one PEFT kind over its runs that have the headline metric.
     *
     * @param kind            PEFT kind
     * @param runs            runs averaged
     * @param trainableParams mean trainable parameters
     * @param stepMillis      mean step time over runs that measured it (NaN if none did)
     * @param peakMemoryGiB   mean peak memory over runs that measured it (NaN if none did)
     * @param metric          mean headline metric
     */
    public record KindSummary(
            PeftKind kind, int runs, double trainableParams, double stepMillis, double peakMemoryGiB, double metric) {}

    private final ReportData data;
    private final ReportSettings settings;
    private final MetricLookup metrics;

    public PeftTradeOff(ReportData data, ReportSettings settings) {
        this.data = data;
        this.settings = settings;
        this.metrics = new MetricLookup(data.metrics(), settings.split(), settings.level());
    }

    /** Summary of one kind, empty when no run of that kind (on the dataset's normalisation) has the headline metric. */
    public Optional<KindSummary> summary(PeftKind kind) {
        List<ModelRun> runs = scoredRuns(kind);
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KindSummary(
                kind,
                runs.size(),
                mean(runs, r -> r.trainableParams()),
                mean(runs, ModelRun::stepMillis),
                mean(runs, ModelRun::peakMemoryGiB),
                mean(runs, r -> metrics.get(r.runId(), settings.metric()))));
    }

    /** Markdown bullet lines stating the trade-off; a single explanatory line when a kind has no scored run. */
    public List<String> describe() {
        Optional<KindSummary> lora = summary(PeftKind.LORA);
        Optional<KindSummary> adapters = summary(PeftKind.ADAPTER);
        if (lora.isEmpty() || adapters.isEmpty()) {
            return List.of("No trade-off can be stated: it needs LoRA and bottleneck-adapter runs with "
                    + settings.metric() + " on " + settings.split() + "/" + settings.level() + ".");
        }
        KindSummary l = lora.get();
        KindSummary a = adapters.get();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "Compared: %d LoRA run(s) and %d adapter run(s) on %s "
                        + "normalisation, means over runs, %s on %s/%s.",
                l.runs(),
                a.runs(),
                data.dataset().normMode(),
                settings.metric(),
                settings.split(),
                settings.level()));
        lines.add(lower("Fewer trainable parameters", l, a, l.trainableParams(), a.trainableParams(), "%,.0f", ""));
        lines.add(lower("Faster optimizer steps", l, a, l.stepMillis(), a.stepMillis(), "%.1f", " ms"));
        // In MiB: the tiny local runs peak at a few MiB, which two decimals of GiB show as 0.00.
        lines.add(lower(
                "Lower peak memory (on CPU: resident growth, which depends on run order; see the models table)",
                l,
                a,
                l.peakMemoryGiB() * 1024,
                a.peakMemoryGiB() * 1024,
                "%,.1f",
                " MiB"));
        lines.add(higher("Higher " + settings.metric(), l, a, l.metric(), a.metric()));
        lines.addAll(perFamily());
        return lines;
    }

    /** Per family with both kinds: the best run of each kind by the headline metric. */
    private List<String> perFamily() {
        Set<String> families = new LinkedHashSet<>();
        data.runs().forEach(r -> families.add(r.family()));
        List<String> lines = new ArrayList<>();
        for (String family : families) {
            Optional<ModelRun> bestLora = best(family, PeftKind.LORA);
            Optional<ModelRun> bestAdapter = best(family, PeftKind.ADAPTER);
            if (bestLora.isPresent() && bestAdapter.isPresent()) {
                lines.add(String.format(
                        Locale.ROOT,
                        "%s: best LoRA run %s (%s) %s %.4f with %,d trainable vs "
                                + "best adapter run %s (%s) %.4f with %,d trainable.",
                        family,
                        bestLora.get().runId(),
                        bestLora.get().peft(),
                        settings.metric(),
                        metrics.get(bestLora.get().runId(), settings.metric()),
                        bestLora.get().trainableParams(),
                        bestAdapter.get().runId(),
                        bestAdapter.get().peft(),
                        metrics.get(bestAdapter.get().runId(), settings.metric()),
                        bestAdapter.get().trainableParams()));
            }
        }
        return lines;
    }

    private Optional<ModelRun> best(String family, PeftKind kind) {
        return scoredRuns(kind).stream()
                .filter(r -> r.family().equals(family))
                .max(Comparator.comparingDouble(r -> metrics.get(r.runId(), settings.metric())));
    }

    /** Runs of that kind with the headline metric, on the dataset's normalisation (ablation runs stay out). */
    private List<ModelRun> scoredRuns(PeftKind kind) {
        return data.runs().stream()
                .filter(r -> PeftKind.of(r.peft()) == kind && metrics.has(r.runId(), settings.metric()))
                .filter(r -> r.normMode().equals(data.dataset().normMode()))
                .toList();
    }

    private static String lower(
            String what, KindSummary l, KindSummary a, double lv, double av, String fmt, String unit) {
        if (Double.isNaN(lv) || Double.isNaN(av)) {
            return what + ": not measured for both kinds.";
        }
        String values = String.format(Locale.ROOT, "LoRA " + fmt + "%s vs adapters " + fmt + "%s", lv, unit, av, unit);
        if (lv == av) {
            return what + ": neither (" + values + ").";
        }
        KindSummary winner = lv < av ? l : a;
        return what + ": " + winner.kind().display() + " (" + values + ").";
    }

    private static String higher(String what, KindSummary l, KindSummary a, double lv, double av) {
        String values = String.format(Locale.ROOT, "LoRA %.4f vs adapters %.4f, difference %+.4f", lv, av, lv - av);
        if (lv == av) {
            return what + ": neither (" + values + ").";
        }
        return what + ": " + (lv > av ? l : a).kind().display() + " (" + values + ").";
    }

    private static double mean(List<ModelRun> runs, ToDoubleFunction<ModelRun> value) {
        OptionalDouble mean =
                runs.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).average();
        return mean.orElse(Double.NaN);
    }
}
