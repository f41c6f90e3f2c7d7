package org.ecgpeft.train.mscnn;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.cli.Tool;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.signal.RecordSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mscnn train}: trains the MS-CNN encoder on the N and A records of a CinC 2017 WFDB folder and writes the
 * best checkpoint ({@code OUT/model/}) and {@code OUT/summary.json}; progress (loss, steps/s, ETA) is logged by the
 * trainer, the final figures are printed as a table. Runs on DJL's default device (a GPU when the engine has one).
 */
public final class MsCnnTrainingCommand implements Tool<MsCnnTrainingOptions> {

    private static final Logger LOG = LoggerFactory.getLogger(MsCnnTrainingCommand.class);
    private static final int SAMPLE_RATE_HZ = 300;

    @Override
    public String name() {
        return "mscnn train";
    }

    @Override
    public Options options() {
        List<Opt> opts = new ArrayList<>(List.of(
                Opt.value("wfdb", "DIR", null, "WFDB folder with REFERENCE.csv and the .hea/.mat records"),
                Opt.value("out", "DIR", null, "output folder: model/ (the best checkpoint) and summary.json")));
        opts.addAll(MsCnnOptions.model());
        opts.addAll(MsCnnOptions.training());
        opts.addAll(List.of(
                Opt.value("warmup", "X", "0.05", "share of the optimizer steps spent warming the learning rate up"),
                Opt.value("eval-stride", "N", null, "stride of the evaluation windows (default: half a window)"),
                Opt.value("eval-batch-size", "N", "128", "windows per evaluation batch"),
                Opt.value("log-every", "N", "20", "optimizer steps between progress lines"),
                Opt.flag("skip-train-eval", "evaluate validation and test only, not the training split")));
        return new Options(name(), "Train the MS-CNN encoder on a CinC 2017 WFDB folder (N vs A).", null, opts);
    }

    @Override
    public MsCnnTrainingOptions configure(ParsedArgs a) {
        MsCnnConfig model = MsCnnOptions.model(a);
        long seed = a.longValue("seed");
        MsCnnTrainingConfig config = new MsCnnTrainingConfig(
                model,
                SAMPLE_RATE_HZ,
                a.integer("epochs", 1),
                a.integer("batch-size", 1),
                a.real("lr"),
                a.real("weight-decay"),
                a.real("warmup"),
                MsCnnOptions.balance(a),
                a.integer("patience", 0),
                a.given("eval-stride") ? a.integer("eval-stride", 1) : model.inputLength() / 2,
                a.integer("eval-batch-size", 1),
                !a.flag("skip-train-eval"),
                seed,
                a.integer("log-every", 1));
        return new MsCnnTrainingOptions(a.path("wfdb"), a.path("out"), config, RecordSplitter.standard(seed));
    }

    @Override
    public void run(MsCnnTrainingOptions options) throws Exception {
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
