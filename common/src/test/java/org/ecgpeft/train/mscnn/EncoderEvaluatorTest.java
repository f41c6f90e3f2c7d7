package org.ecgpeft.train.mscnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import org.ecgpeft.train.TrainableModel;
import org.junit.jupiter.api.Test;

class EncoderEvaluatorTest {

    /** Logits (0, first sample): the AF probability is the sigmoid of the window's first z-scored sample. */
    private static TrainableModel firstSampleModel(NDManager manager) {
        return new TrainableModel() {
            @Override
            public NDArray forward(NDArray input, boolean training) {
                NDArray first = input.get(":, 0:1");
                return first.zerosLike().concat(first, 1);
            }

            @Override
            public Map<String, Parameter> trainableParameters() {
                return Map.of();
            }

            @Override
            public NDManager manager() {
                return manager;
            }
        };
    }

    private static float[] line(int n, float slope) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = slope * i;
        }
        return x;
    }

    /** Falls for the first {@code fall} samples, then rises. */
    private static float[] vee(int n, int fall) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.abs(i - fall);
        }
        return x;
    }

    @Test
    void recordsAreScoredByTheMeanProbabilityOfTheirWindows() {
        // Falling windows start high (p ~ 0.85), rising ones low (p ~ 0.15), a V-shaped record mixes both.
        List<AfRecord> records = List.of(
                new AfRecord("af", 1, line(4800, -1)),
                new AfRecord("n", 0, line(3600, 1)),
                new AfRecord("mixed", 1, vee(6000, 2000)));
        EvaluationWindows windows = EvaluationWindows.of(records, 2400, 1200, 300);
        try (NDManager m = NDManager.newBaseManager()) {
            SplitEvaluation e = new EncoderEvaluator(2).evaluate(firstSampleModel(m), windows);
            double[] p = new double[windows.size()];
            double mixedSum = 0;
            int mixedCount = 0;
            for (int i = 0; i < p.length; i++) {
                p[i] = 1 / (1 + Math.exp(-windows.data().segments()[i][0]));
                if (windows.recordIds()[i].equals("mixed")) {
                    mixedSum += p[i];
                    mixedCount++;
                }
            }
            assertEquals(windows.size(), e.windows());
            assertEquals(3, e.records());
            assertEquals(3 + 2 + 4, e.windows());
            // Segment level: "af" and "n" windows all right; "mixed" windows starting before the dip at 2000 are
            // falling (AF, right), later ones rising (normal, wrong).
            long mixedRight = java.util.stream.IntStream.range(0, p.length)
                    .filter(i -> windows.recordIds()[i].equals("mixed") && p[i] >= 0.5)
                    .count();
            assertEquals(3 + 2 + mixedRight, e.segment().tp() + e.segment().tn());
            // Record level: the V record is AF exactly when its windows' mean probability is >= 0.5.
            int mixedPrediction = mixedSum / mixedCount >= 0.5 ? 1 : 0;
            assertEquals(2 + mixedPrediction, e.record().tp() + e.record().tn());
            assertEquals(1 - mixedPrediction, e.record().fn());
            assertEquals(1.0, e.record().auroc(), 1e-12, "falling records score above the rising one");
        }
    }
}
