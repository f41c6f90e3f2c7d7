package org.ecgpeft.peft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.ecgpeft.model.wav2vec2.EcgFmForSequenceClassification;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Checkpoints;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.ecgpeft.train.InputPreparer;
import org.ecgpeft.train.SegmentDataset;
import org.ecgpeft.train.TrainableModel;
import org.ecgpeft.train.Trainer;
import org.ecgpeft.train.TrainerConfig;
import org.ecgpeft.train.TrainingResult;
import org.junit.jupiter.api.Test;

/**
 * The whole PEFT path on the ECG-FM-style encoder: fairseq checkpoint, single 300 Hz lead resampled to
 * 500 Hz and placed as lead II of 12, LoRA + Houlsby adapters, a short training run.
 */
class EcgFmPeftTrainingTest {

    private static final Path CHECKPOINT = LoraConfigFileTest.FIXTURES.resolve("ecgfm-tiny/checkpoint.pt");

    private static SegmentDataset data(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] x = new float[n][120];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double f = y[i] == 1 ? 25 : 5;
            for (int t = 0; t < 120; t++) {
                x[i][t] = (float) (Math.sin(2 * Math.PI * f * t / 300.0) + 0.1 * rng.nextGaussian());
            }
        }
        return new SegmentDataset(x, y, 300);
    }

    @Test
    void loraAndAdaptersTrainOnTheFairseqEncoderWithTheBaseFrozen() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(4);
            Wav2Vec2Config config = Wav2Vec2Checkpoints.readConfig(CHECKPOINT).withNumLabels(2);
            EcgFmForSequenceClassification net = new EcgFmForSequenceClassification(config);
            net.materialize(m, DataType.FLOAT32, true);
            Wav2Vec2Checkpoints.loadEncoder(CHECKPOINT, net.base());
            Lora.apply(net, LoraConfig.of(4, 8, 0.0, List.of("q_proj", "v_proj"), List.of("classifier")));
            Adapters.apply(
                    net,
                    new AdapterConfig(
                            AdapterConfig.Style.HOULSBY,
                            4,
                            "relu",
                            false,
                            AdapterConfig.UpInit.NORMAL,
                            List.of("classifier")),
                    "ecg_fm\\.encoder\\.layers\\.\\d+",
                    config.hiddenSize());
            assertTrue(net.trainableParameters().keySet().stream().anyMatch(n -> n.contains(".lora_A.")));
            assertTrue(net.trainableParameters().keySet().stream().anyMatch(n -> n.contains(".adapter_attention.")));
            String frozenName = net.namedParameters().keySet().stream()
                    .filter(n -> n.endsWith("q_proj.weight"))
                    .findFirst()
                    .orElseThrow();
            assertFalse(net.trainableParameters().containsKey(frozenName));
            float[] frozen = net.namedParameters().get(frozenName).getArray().toFloatArray();

            TrainableModel model = TrainableModel.of(
                    net, (x, training) -> net.classify(x, null, training).logits());
            TrainingResult r = new Trainer(TrainerConfig.defaults(2, 8, 1e-2, 1), InputPreparer.ecgFm(1))
                    .fit(model, data(16, 1), data(8, 2));
            assertEquals(2, r.epochsRun());
            assertTrue(Double.isFinite(r.curves().get(0).loss()));
            assertArrayEquals(
                    frozen, net.namedParameters().get(frozenName).getArray().toFloatArray(), 0f);
        }
    }
}
