package org.ecgpeft.train.mscnn;

import java.util.Arrays;

/**
 * The {@code mscnn} tool, Spark-free: {@code mscnn train ...} runs {@link MsCnnTrainingCommand} and {@code mscnn
 * eval ...} runs {@link MsCnnEvaluationCommand} on a WFDB folder; the Spark job {@code train-mscnn} runs the same
 * training routine on the lake's tables.
 */
public final class MsCnnCommand {
    static final String USAGE = "usage: mscnn train --wfdb DIR --out DIR [options]   (mscnn train --help)\n"
            + "       mscnn eval --wfdb DIR --checkpoint DIR --out FILE.json [--seed 42]   (mscnn eval --help)";

    private MsCnnCommand() {}

    public static void main(String[] args) throws Exception {
        String sub = args.length == 0 ? "--help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (sub) {
            case "train" -> MsCnnTrainingCommand.main(rest);
            case "eval" -> MsCnnEvaluationCommand.main(rest);
            case "--help", "-h" -> System.out.println(USAGE);
            default -> {
                System.err.println("error: unknown mscnn command '" + sub + "' (train or eval)\n" + USAGE);
                System.exit(2);
            }
        }
    }
}
