package org.ecgpeft.train.mscnn;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the MS-CNN encoder on the N and A records of a CinC 2017 WFDB folder and writes the best
 * checkpoint ({@code OUT/model/}) and {@code OUT/summary.json}; progress (loss, steps/s, ETA) is logged by
 * the trainer, the final figures are printed as a table. Runs on DJL's default device (a GPU when the
 * engine has one). Exit code 2 for bad options.
 */
public final class MsCnnTrainingCommand {

    private static final Logger LOG = LoggerFactory.getLogger(MsCnnTrainingCommand.class);

    private MsCnnTrainingCommand() {}

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(MsCnnTrainingOptions.USAGE);
            return;
        }
        MsCnnTrainingOptions options;
        try {
            options = MsCnnTrainingOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(MsCnnTrainingOptions.USAGE);
            System.exit(2);
            return;
        }
        long t0 = System.nanoTime();
        List<AfRecord> records =
                CincAfRecords.load(options.wfdb(), options.config().sampleRateHz());
        LOG.info(
                "read {} N/A records from {} in {} s",
                records.size(),
                options.wfdb(),
                String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        try (NDManager manager = NDManager.newBaseManager()) {
            MsCnnTrainingSummary summary =
                    new MsCnnTraining(options.config()).run(records, options.splitter(), options.out(), manager);
            Path json = SummaryReport.writeJson(summary, options.out());
            System.out.print(SummaryReport.table(summary));
            System.out.println("summary: " + json.toAbsolutePath());
        }
    }
}
