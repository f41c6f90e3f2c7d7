package org.ecgpeft.train.mscnn;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.signal.RecordSplitter;
import org.ecgpeft.signal.RecordSplitter.Split;
import org.ecgpeft.train.TrainableModel;

/**
 * Re-evaluates a saved {@link MsCnnCheckpoint} on the validation and test splits of a CinC 2017 WFDB folder
 * (same split rule and seed as the training run), at 0.5 and at the validation-tuned threshold; prints the
 * table and writes the figures as JSON. Usage:
 * {@code MsCnnEvaluationCommand --wfdb DIR --checkpoint DIR --out FILE.json [--seed 42] [--eval-stride 1200]
 * [--eval-batch 128]}. Exit code 2 for bad options.
 */
public final class MsCnnEvaluationCommand {

    private MsCnnEvaluationCommand() {}

    private static final String USAGE = "usage: mscnn eval --wfdb DIR --checkpoint DIR --out FILE.json [--seed 42]"
            + " [--eval-stride 1200] [--eval-batch 128]";

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        Map<String, String> o;
        try {
            o = CommandLine.parse(
                    args,
                    List.of("--wfdb", "--checkpoint", "--out", "--seed", "--eval-stride", "--eval-batch"),
                    List.of());
            CommandLine.require(o, "--wfdb", "--checkpoint", "--out");
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Path checkpoint = Path.of(o.get("--checkpoint"));
        int length = MsCnnCheckpoint.readConfig(checkpoint).inputLength();
        int stride = CommandLine.integer(o, "--eval-stride", length / 2);
        List<AfRecord> records = CincAfRecords.load(Path.of(o.get("--wfdb")), 300);
        Map<Split, List<AfRecord>> splits =
                RecordSplitter.standard(CommandLine.integer(o, "--seed", 42)).split(records);
        Map<Split, EvaluationWindows> windows = new EnumMap<>(Split.class);
        for (Split s : List.of(Split.VAL, Split.TEST)) {
            windows.put(s, EvaluationWindows.of(splits.get(s), length, stride, 300));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            MsCnn model = MsCnnCheckpoint.load(checkpoint, manager);
            TrainableModel classifier =
                    TrainableModel.of(model, (x, t) -> model.forward(x, t).logits());
            EncoderFigures figures = EncoderFigures.of(
                    classifier, windows, new EncoderEvaluator(CommandLine.integer(o, "--eval-batch", 128)));
            System.out.print(SummaryReport.table(figures));
            Path json = SummaryReport.writeJson(figures, Path.of(o.get("--out")));
            System.out.println("figures: " + json.toAbsolutePath());
        }
    }
}
