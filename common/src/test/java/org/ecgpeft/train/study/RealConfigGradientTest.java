package org.ecgpeft.train.study;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.ecgpeft.model.nn.Float64Ops;
import org.ecgpeft.model.nn.ModelChecks;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Classifier;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.junit.jupiter.api.Test;

/**
 * Every family of the PEFT study at its real width (wav2vec2-base, hubert-base-ls960, ECG-FM) cut to one layer, with
 * every PEFT method: a forward and backward pass gives a finite loss and finite gradients for every trainable
 * parameter, bit for bit the same on a second, independently built run.
 */
class RealConfigGradientTest {

    @Test
    void everyFamilyAndMethodAtRealWidthHasFiniteRepeatableGradients() {
        for (Family family : Family.values()) {
            for (PeftMethod method : PeftMethod.values()) {
                String where = family.key() + " (1 layer) + " + method.key();
                Map<String, float[]> first = lossAndGradients(family, method);
                Map<String, float[]> second = lossAndGradients(family, method);
                assertTrue(first.size() > 2, where + ": no trainable parameters");
                ModelChecks.assertFiniteAndRepeatable(first, second, where);
            }
        }
    }

    /** The loss (under "loss") and the gradient of every trainable parameter after one backward pass. */
    private static Map<String, float[]> lossAndGradients(Family family, PeftMethod method) {
        Engine.getInstance().setRandomSeed(7);
        Wav2Vec2Config config = family.preset().withNumHiddenLayers(1);
        try (NDManager m = NDManager.newBaseManager()) {
            Wav2Vec2Classifier model = family.newClassifier(config);
            model.materialize(m, DataType.FLOAT32, true);
            ModelFactory.attach(model, family, new PeftSpec(method, 8, 16, 0, 16, "relu"));
            model.materialize(m, DataType.FLOAT32, true);
            int length = family == Family.ECGFM ? 501 : 4001;
            Shape shape = config.inChannels() == 1 ? new Shape(2, length) : new Shape(2, config.inChannels(), length);
            NDArray x = Float64Ops.array(m, Float64Ops.gaussian(new Random(3), (int) shape.size(), 1), shape);
            NDArray labels = m.create(new float[] {0, 1});
            Map<String, float[]> out = new LinkedHashMap<>();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = Loss.softmaxCrossEntropyLoss()
                        .evaluate(
                                new NDList(labels),
                                new NDList(model.classify(x, null, false).logits()));
                gc.backward(loss);
                out.put("loss", new float[] {loss.getFloat()});
            }
            for (Map.Entry<String, Parameter> e : model.trainableParameters().entrySet()) {
                out.put(e.getKey(), e.getValue().getArray().getGradient().toFloatArray());
            }
            return out;
        }
    }
}
