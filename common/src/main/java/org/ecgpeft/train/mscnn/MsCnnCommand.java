package org.ecgpeft.train.mscnn;

import java.util.List;
import org.ecgpeft.cli.ToolMain;

/**
 * The {@code mscnn} tool, Spark-free: {@code mscnn train ...} runs {@link MsCnnTrainingCommand} and {@code mscnn
 * eval ...} runs {@link MsCnnEvaluationCommand} on a WFDB folder; the Spark job {@code train-mscnn} runs the same
 * training routine on the lake's tables.
 */
public final class MsCnnCommand {

    private MsCnnCommand() {}

    public static void main(String[] args) throws Exception {
        ToolMain.main(
                "mscnn",
                "Train or re-score the MS-CNN encoder on a CinC 2017 WFDB folder (N vs A), without Spark.",
                List.of(new MsCnnTrainingCommand(), new MsCnnEvaluationCommand()),
                args);
    }
}
