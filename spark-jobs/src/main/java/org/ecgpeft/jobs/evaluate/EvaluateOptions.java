package org.ecgpeft.jobs.evaluate;

import java.util.List;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.ParsedArgs;

/** The options {@code evaluate} and {@code reevaluate} share, and their parsing into settings. */
final class EvaluateOptions {
    private EvaluateOptions() {}

    static List<Opt> common() {
        return List.of(
                Opt.value("tables", "DIR", "./ecg-lake", "Delta table root (local folder or Hadoop URI)"),
                Opt.value(
                        "batch-size",
                        "N",
                        "64",
                        "segments per model call on an executor (and rows per ECG-LLM "
                                + "generation batch on the driver)"),
                Opt.value("threshold", "P", "0.5", "probability at or above which a segment/record is AF"),
                Opt.value("partitions", "N", "0", "inference partitions (0: the cluster's default parallelism)"),
                Opt.value("max-attempts", "N", "8", "attempts of a Delta write that conflicts with a concurrent one"));
    }

    static EvaluateSettings settings(ParsedArgs a) {
        return new EvaluateSettings(
                a.integer("batch-size"),
                a.real("threshold"),
                a.integer("partitions"),
                new ConflictRetry(a.integer("max-attempts"), 200));
    }
}
