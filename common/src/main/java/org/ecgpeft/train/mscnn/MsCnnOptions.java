package org.ecgpeft.train.mscnn;

import java.util.List;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.train.mscnn.MsCnnTrainingConfig.Balance;

/**
 * The MS-CNN training options the {@code mscnn train} tool and the {@code train-mscnn} job share, declared and read
 * once so both spell and check them the same way.
 */
public final class MsCnnOptions {

    private MsCnnOptions() {}

    /** {@code --preset}, {@code --k2}: the model. */
    public static List<Opt> model() {
        return List.of(
                Opt.value("preset", "NAME", "compact", "model: compact (CPU-sized) or paper (VGG-like, GPU)"),
                Opt.value("k2", "N", "7", "kernel size of the second stream (5, 7 or 9 in the study)"));
    }

    /** The training loop's options: epochs, batch, optimizer, balancing, early stopping, seed. */
    public static List<Opt> training() {
        return List.of(
                Opt.value("epochs", "N", "20", "maximum epochs"),
                Opt.value("batch-size", "N", "32", "windows per optimizer step"),
                Opt.value("lr", "X", "1e-3", "peak AdamW learning rate (cosine decay after the warm-up)"),
                Opt.value("weight-decay", "X", "1e-4", "AdamW weight decay"),
                Opt.value("balance", "MODE", "oversample", "AF balancing: oversample or class-weights"),
                Opt.value("patience", "N", "5", "early-stopping patience in epochs on validation F1 (0: off)"),
                Opt.value(
                        "seed",
                        "N",
                        "42",
                        "seed of the initial weights, crops, data order and dropout (mscnn train: also of the split)"));
    }

    /** The model of {@code --preset} and {@code --k2}. */
    public static MsCnnConfig model(ParsedArgs a) {
        String preset = a.string("preset");
        int k2 = a.integer("k2", 1);
        return switch (preset) {
            case "compact" -> MsCnnConfig.compact(k2);
            case "paper" -> MsCnnConfig.paper(k2);
            default -> throw new IllegalArgumentException("--preset must be compact or paper, got '" + preset + "'");
        };
    }

    /** The AF balancing of {@code --balance}. */
    public static Balance balance(ParsedArgs a) {
        String balance = a.string("balance");
        return switch (balance) {
            case "oversample" -> Balance.OVERSAMPLE;
            case "class-weights" -> Balance.CLASS_WEIGHTS;
            default ->
                throw new IllegalArgumentException(
                        "--balance must be oversample or class-weights, got '" + balance + "'");
        };
    }
}
