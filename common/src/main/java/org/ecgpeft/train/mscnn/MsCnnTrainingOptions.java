package org.ecgpeft.train.mscnn;

import java.nio.file.Path;
import org.ecgpeft.signal.RecordSplitter;

/**
 * The validated command line of {@link MsCnnTrainingCommand}.
 *
 * @param wfdb the WFDB folder with {@code REFERENCE.csv}
 * @param out output folder (checkpoint and summary)
 * @param config the run's settings
 * @param splitter the split rule (75/10/15 with the run's seed)
 */
public record MsCnnTrainingOptions(Path wfdb, Path out, MsCnnTrainingConfig config, RecordSplitter splitter) {}
