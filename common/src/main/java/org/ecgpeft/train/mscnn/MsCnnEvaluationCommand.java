package org.ecgpeft.train.mscnn;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.cli.Tool;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.signal.RecordSplitter;
import org.ecgpeft.signal.RecordSplitter.Split;
import org.ecgpeft.train.TrainableModel;

/**
 * {@code mscnn eval}: re-evaluates a saved {@link MsCnnCheckpoint} on the validation and test splits of a CinC 2017
 * WFDB folder (same split rule and seed as the training run), at 0.5 and at the validation-tuned threshold; prints
 * the table and writes the figures as JSON.
 */
public final class MsCnnEvaluationCommand implements Tool<MsCnnEvaluationCommand.Config> {

    private static final int SAMPLE_RATE_HZ = 300;

    /**
     * The validated command line.
     *
     * @param evalStride stride of the evaluation windows; 0: half the checkpoint's window
     */
    public record Config(Path wfdb, Path checkpoint, Path out, long seed, int evalStride, int evalBatchSize) {}

    @Override
    public String name() {
        return "mscnn eval";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Re-score a saved MS-CNN checkpoint on the validation and test splits of a WFDB folder.",
                null,
                List.of(
                        Opt.value("wfdb", "DIR", null, "WFDB folder with REFERENCE.csv and the .hea/.mat records"),
                        Opt.value("checkpoint", "DIR", null, "the checkpoint folder (mscnn train's OUT/model)"),
                        Opt.value("out", "FILE", null, "JSON file the figures are written to"),
                        Opt.value("seed", "N", "42", "seed of the split (the training run's --seed)"),
                        Opt.value(
                                "eval-stride", "N", null, "stride of the evaluation windows (default: half a window)"),
                        Opt.value("eval-batch-size", "N", "128", "windows per evaluation batch")));
    }

    @Override
    public Config configure(ParsedArgs a) {
        return new Config(
                a.path("wfdb"),
                a.path("checkpoint"),
                a.path("out"),
                a.longValue("seed"),
                a.given("eval-stride") ? a.integer("eval-stride", 1) : 0,
                a.integer("eval-batch-size", 1));
    }

    @Override
    public void run(Config c) throws Exception {
        int length = MsCnnCheckpoint.readConfig(c.checkpoint()).inputLength();
        int stride = c.evalStride() > 0 ? c.evalStride() : length / 2;
        List<AfRecord> records = CincAfRecords.load(c.wfdb(), SAMPLE_RATE_HZ);
        Map<Split, List<AfRecord>> splits = RecordSplitter.standard(c.seed()).split(records);
        Map<Split, EvaluationWindows> windows = new EnumMap<>(Split.class);
        for (Split s : List.of(Split.VAL, Split.TEST)) {
            windows.put(s, EvaluationWindows.of(splits.get(s), length, stride, SAMPLE_RATE_HZ));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            MsCnn model = MsCnnCheckpoint.load(c.checkpoint(), manager);
            TrainableModel classifier =
                    TrainableModel.of(model, (x, t) -> model.forward(x, t).logits());
            EncoderFigures figures = EncoderFigures.of(classifier, windows, new EncoderEvaluator(c.evalBatchSize()));
            System.out.print(SummaryReport.table(figures));
            Path json = SummaryReport.writeJson(figures, c.out());
            System.out.println("figures: " + json.toAbsolutePath());
        }
    }
}
