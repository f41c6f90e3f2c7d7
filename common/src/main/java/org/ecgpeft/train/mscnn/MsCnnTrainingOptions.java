package org.ecgpeft.train.mscnn;

import static org.ecgpeft.train.mscnn.CommandLine.integer;
import static org.ecgpeft.train.mscnn.CommandLine.real;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.signal.RecordSplitter;
import org.ecgpeft.train.mscnn.MsCnnTrainingConfig.Balance;

/**
 * Command-line options of {@link MsCnnTrainingCommand}.
 *
 * @param wfdb the WFDB folder with {@code REFERENCE.csv}
 * @param out output folder (checkpoint and summary)
 * @param config the run's settings
 * @param splitter the split rule (75/10/15 with the run's seed)
 */
public record MsCnnTrainingOptions(Path wfdb, Path out, MsCnnTrainingConfig config, RecordSplitter splitter) {

    public static final String USAGE = "usage: mscnn train --wfdb DIR --out DIR [--epochs 20] [--batch 32]"
            + " [--lr 1e-3] [--weight-decay 1e-4] [--warmup 0.05] [--preset compact|paper] [--k2 7] [--seed 42]"
            + " [--oversample | --class-weights] [--patience 5] [--eval-stride 1200] [--eval-batch 128]"
            + " [--log-every 20] [--skip-train-eval]";

    private static final List<String> VALUED = List.of(
            "--wfdb",
            "--out",
            "--epochs",
            "--batch",
            "--lr",
            "--weight-decay",
            "--warmup",
            "--preset",
            "--k2",
            "--seed",
            "--patience",
            "--eval-stride",
            "--eval-batch",
            "--log-every");
    private static final List<String> FLAGS = List.of("--oversample", "--class-weights", "--skip-train-eval");

    /** Parses {@code args}; an unknown, duplicate, missing or malformed option fails naming it. */
    public static MsCnnTrainingOptions parse(String[] args) {
        Map<String, String> values = CommandLine.parse(args, VALUED, FLAGS);
        if (values.containsKey("--oversample") && values.containsKey("--class-weights")) {
            throw new IllegalArgumentException("--oversample and --class-weights exclude each other");
        }
        int k2 = integer(values, "--k2", 7);
        String preset = values.getOrDefault("--preset", "compact");
        MsCnnConfig model = switch (preset) {
            case "compact" -> MsCnnConfig.compact(k2);
            case "paper" -> MsCnnConfig.paper(k2);
            default -> throw new IllegalArgumentException("--preset must be compact or paper, got '" + preset + "'");
        };
        long seed = integer(values, "--seed", 42);
        Balance balance = values.containsKey("--class-weights") ? Balance.CLASS_WEIGHTS : Balance.OVERSAMPLE;
        MsCnnTrainingConfig config = new MsCnnTrainingConfig(
                model,
                300,
                integer(values, "--epochs", 20),
                integer(values, "--batch", 32),
                real(values, "--lr", 1e-3),
                real(values, "--weight-decay", 1e-4),
                real(values, "--warmup", 0.05),
                balance,
                integer(values, "--patience", 5),
                integer(values, "--eval-stride", model.inputLength() / 2),
                integer(values, "--eval-batch", 128),
                !values.containsKey("--skip-train-eval"),
                seed,
                integer(values, "--log-every", 20));
        CommandLine.require(values, "--wfdb", "--out");
        return new MsCnnTrainingOptions(
                Path.of(values.get("--wfdb")), Path.of(values.get("--out")), config, RecordSplitter.standard(seed));
    }
}
