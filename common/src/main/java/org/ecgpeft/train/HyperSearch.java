package org.ecgpeft.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Trains every point of a {@link HyperGrid} and picks the one with the best validation F1. */
public final class HyperSearch {

    private static final Logger LOG = LoggerFactory.getLogger(HyperSearch.class);

    private HyperSearch() {}

    /** One trained point. */
    public record Trial(HyperParams params, TrainingResult result) {}

    /** Every trial and the best (highest validation F1; the earlier trial on ties). */
    public record Outcome(List<Trial> trials, Trial best) {

        public Outcome {
            trials = List.copyOf(trials);
        }
    }

    /** Runs {@code train} (which builds a fresh model per point) over {@code points}. */
    public static Outcome run(List<HyperParams> points, Function<HyperParams, TrainingResult> train) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("the search space is empty");
        }
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        for (int i = 0; i < points.size(); i++) {
            HyperParams p = points.get(i);
            TrainingResult r = train.apply(p);
            Trial t = new Trial(p, r);
            trials.add(t);
            LOG.info(
                    "trial {}/{} {}: best validation F1 {} at epoch {}",
                    i + 1,
                    points.size(),
                    p.asMap(),
                    String.format("%.4f", r.bestF1()),
                    r.bestEpoch());
            if (best == null || r.bestF1() > best.result().bestF1()) {
                best = t;
            }
        }
        return new Outcome(trials, best);
    }
}
