package org.ecgpeft.model.mscnn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ecgpeft.model.nn.ConvLayer;
import org.ecgpeft.model.nn.ConvPath;
import org.ecgpeft.model.nn.Float64Ops;
import org.ecgpeft.model.nn.ModelChecks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The MS-CNN beyond its presets: random block widths (12-32, the channel counts libtorch's oneDNN kernel got wrong
 * on some hosts), kernels, depths, batch 3 and odd lengths, in eval mode: finite, repeatable, equal to the unfold
 * path and to the model in float64. Run under several oneDNN ISA limits by the build.
 */
@Tag("kernels")
class MsCnnBeyondPresetsTest {

    private static final int[] WIDTHS = {12, 16, 20, 24, 32};

    @Test
    void randomisedConfigsAgreeWithTheReferencePaths() {
        Random r = new Random(51);
        for (int trial = 0; trial < 5; trial++) {
            int blocks = 2 + r.nextInt(3);
            List<Integer> channels = new ArrayList<>();
            List<Integer> convs = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                channels.add(WIDTHS[r.nextInt(WIDTHS.length)]);
                convs.add(1 + r.nextInt(2));
            }
            int length = 101 + 2 * r.nextInt(150);
            MsCnnConfig config =
                    new MsCnnConfig(length, 1 + 2 * r.nextInt(3), 3 + 2 * r.nextInt(4), channels, convs, 24, 0.3f, 2);
            check(config, 3, trial);
        }
    }

    @Test
    void compactPresetAgreesWithTheReferencePaths() {
        check(MsCnnConfig.compact(7), 2, 99);
    }

    private static void check(MsCnnConfig config, int batch, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        String where = "MS-CNN " + config;
        try (NDManager m = NDManager.newBaseManager()) {
            MsCnn model = new MsCnn(config);
            model.materialize(m, DataType.FLOAT32, true);
            NDArray x = Float64Ops.array(
                    m,
                    Float64Ops.gaussian(new Random(seed), batch * config.inputLength(), 1),
                    new Shape(batch, 1, config.inputLength()));
            float[] logits = model.forward(x, false).logits().toFloatArray();
            ModelChecks.assertFiniteAndRepeatable(
                    logits, model.forward(x, false).logits().toFloatArray(), where);
            ConvLayer.pinAll(model, ConvPath.UNFOLD);
            ModelChecks.assertClose(
                    logits, Float64Ops.values(model.forward(x, false).logits()), 1e-5, where + " vs unfold");
            ConvLayer.pinAll(model, null);
            try (NDManager m64 = m.newSubManager()) {
                MsCnn copy = ModelChecks.float64Copy(new MsCnn(config), model, m64);
                double[] expected = Float64Ops.values(
                        copy.forward(x.toType(DataType.FLOAT64, false), false).logits());
                ModelChecks.assertClose(logits, expected, 1e-5, where + " vs float64");
            }
        }
    }
}
