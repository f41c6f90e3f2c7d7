package org.ecgpeft.model.wav2vec2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ecgpeft.model.nn.ConvLayer;
import org.ecgpeft.model.nn.ConvPath;
import org.ecgpeft.model.nn.Float64Ops;
import org.ecgpeft.model.nn.ModelChecks;
import org.ecgpeft.peft.Lora;
import org.ecgpeft.peft.LoraConfig;
import org.ecgpeft.peft.LoraLinear;
import org.ecgpeft.tensor.SafetensorsWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wav2vec2, HuBERT and ECG-FM beyond the shared fixtures: randomised configs (conv widths 12-32 such as the 20 and
 * 24 that libtorch's oneDNN kernel got wrong on some hosts, kernels 2-10, strides 1-5, both norms, pre- and post-LN,
 * positional convs of other widths and groups), batch 3 and odd lengths, and the real configs at one layer. Each
 * must give finite logits, the same numbers on a second run, the same as with every convolution on the unfold path
 * (1e-5), and the same as the model in float64 (whose convolutions the start-up check holds to float64 loops at
 * 1e-9), with and without a LoRA adapter. Run under several oneDNN ISA limits by the build.
 */
@Tag("kernels")
class EncoderBeyondFixturesTest {

    private static final String[] TYPES = {"wav2vec2", "hubert", "ecg_fm"};
    private static final int[] WIDTHS = {12, 16, 20, 24, 32};

    @Test
    void randomisedConfigsAgreeWithTheReferencePathsWithAndWithoutLora() {
        Random r = new Random(41);
        for (int trial = 0; trial < 6; trial++) {
            Wav2Vec2Config config = randomConfig(r, TYPES[trial % TYPES.length]);
            int length = oddLength(r, config);
            checkAgainstReferences(config, 3, length, trial, 1e-5);
        }
    }

    @Test
    void realConfigsAtOneLayerAgreeWithTheReferencePaths() {
        // 0.25 s of audio at 16 kHz (12 frames) and 1 s of ECG at 500 Hz (31 frames), odd lengths.
        checkAgainstReferences(Wav2Vec2Config.wav2vec2Base().withNumHiddenLayers(1), 2, 4001, 100, 1e-5);
        checkAgainstReferences(Wav2Vec2Config.hubertBaseLs960().withNumHiddenLayers(1), 2, 4001, 101, 1e-5);
        checkAgainstReferences(Wav2Vec2Config.ecgFm().withNumHiddenLayers(1), 2, 501, 102, 1e-5);
    }

    @Test
    void hfCheckpointsWith20And24ChannelConvsLoadAndRunRight(@TempDir Path dir) throws IOException {
        int trial = 0;
        for (String type : new String[] {"wav2vec2", "hubert"}) {
            for (boolean stable : new boolean[] {false, true}) {
                Wav2Vec2Config config = new TinyConfig()
                        .modelType(type)
                        .conv(ConvStack.parse("[(24, 10, 5)] + [(20, 3, 2)] + [(24, 2, 2)]"))
                        .convBias(!stable)
                        .featExtractNorm(stable ? "layer" : "group")
                        .doStableLayerNorm(stable)
                        .build();
                Path folder = dir.resolve(type + (stable ? "-stable" : ""));
                Engine.getInstance().setRandomSeed(200 + trial);
                try (NDManager m = NDManager.newBaseManager()) {
                    Wav2Vec2ForSequenceClassification saved = new Wav2Vec2ForSequenceClassification(config);
                    saved.materialize(m, DataType.FLOAT32, true);
                    writeHfCheckpoint(folder, config, saved);
                    Wav2Vec2Checkpoints.Loaded loaded = Wav2Vec2Checkpoints.load(folder, m, DataType.FLOAT32);
                    NDArray x = Float64Ops.array(
                            m, Float64Ops.gaussian(new Random(trial), 3 * 1203, 1), new Shape(3, 1203));
                    float[] logits = logits(loaded.classifier(), x);
                    assertArrayEquals(
                            logits(saved, x), logits, 0f, folder + ": loaded model differs from the saved one");
                }
                checkAgainstReferences(config, 3, 1203, 200 + trial, 1e-5);
                trial++;
            }
        }
    }

    /** {@code config.json} with HF's keys and {@code model.safetensors} with the classifier's own (HF) names. */
    private static void writeHfCheckpoint(Path folder, Wav2Vec2Config c, Wav2Vec2Classifier model) throws IOException {
        Files.createDirectories(folder);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model_type", c.modelType());
        json.put("conv_dim", c.conv().dims());
        json.put("conv_kernel", c.conv().kernels());
        json.put("conv_stride", c.conv().strides());
        json.put("conv_bias", c.convBias());
        json.put("feat_extract_norm", c.featExtractNorm());
        json.put("hidden_size", c.hiddenSize());
        json.put("num_hidden_layers", c.numHiddenLayers());
        json.put("num_attention_heads", c.numAttentionHeads());
        json.put("intermediate_size", c.intermediateSize());
        json.put("num_conv_pos_embeddings", c.numConvPosEmbeddings());
        json.put("num_conv_pos_embedding_groups", c.numConvPosEmbeddingGroups());
        json.put("do_stable_layer_norm", c.doStableLayerNorm());
        json.put("classifier_proj_size", c.classifierProjSize());
        json.put("mask_time_prob", 0.0);
        for (String key : List.of(
                "hidden_dropout",
                "activation_dropout",
                "attention_dropout",
                "feat_proj_dropout",
                "final_dropout",
                "layerdrop")) {
            json.put(key, 0.0);
        }
        new ObjectMapper().writeValue(folder.resolve("config.json").toFile(), json);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> tensors.put(name, p.getArray()));
        SafetensorsWriter.write(folder.resolve("model.safetensors"), tensors, Map.of());
    }

    private static void checkAgainstReferences(Wav2Vec2Config config, int batch, int length, long seed, double tol) {
        Engine.getInstance().setRandomSeed((int) seed);
        try (NDManager m = NDManager.newBaseManager()) {
            Wav2Vec2Classifier model = classifier(config);
            model.materialize(m, DataType.FLOAT32, true);
            Shape inputShape =
                    config.inChannels() == 1 ? new Shape(batch, length) : new Shape(batch, config.inChannels(), length);
            Random r = new Random(seed);
            NDArray x = Float64Ops.array(m, Float64Ops.gaussian(r, (int) inputShape.size(), 1), inputShape);
            for (boolean lora : new boolean[] {false, true}) {
                if (lora) {
                    addLora(model, m);
                }
                String where = config.modelType() + " " + config.conv() + " hidden " + config.hiddenSize() + " layers "
                        + config.numHiddenLayers() + (config.doStableLayerNorm() ? " pre-LN" : " post-LN") + " batch "
                        + batch + " length " + length + (lora ? " + LoRA" : "");
                float[] logits = logits(model, x);
                ModelChecks.assertFiniteAndRepeatable(logits, logits(model, x), where);
                ConvLayer.pinAll(model, ConvPath.UNFOLD);
                ModelChecks.assertClose(
                        logits, Float64Ops.values(model.classify(x, null, false).logits()), tol, where + " vs unfold");
                ConvLayer.pinAll(model, null);
                ModelChecks.assertClose(logits, float64Logits(config, model, x, lora), tol, where + " vs float64");
            }
        }
    }

    private static float[] logits(Wav2Vec2Classifier model, NDArray x) {
        return model.classify(x, null, false).logits().toFloatArray();
    }

    /** The same weights in a float64 copy of the model (LoRA attached the same way), run on the same input. */
    private static double[] float64Logits(Wav2Vec2Config config, Wav2Vec2Classifier model, NDArray x, boolean lora) {
        try (NDManager m64 = x.getManager().newSubManager()) {
            Wav2Vec2Classifier copy = classifier(config);
            if (lora) {
                // LoRA attaches to a materialised base only; its own weights are then overwritten by the copy.
                copy.materialize(m64, DataType.FLOAT64, false);
                Lora.apply(copy, loraConfig());
            }
            ModelChecks.float64Copy(copy, model, m64);
            return Float64Ops.values(copy.classify(x.toType(DataType.FLOAT64, false), null, false)
                    .logits());
        }
    }

    private static void addLora(Wav2Vec2Classifier model, NDManager m) {
        Map<String, LoraLinear> loras = Lora.apply(model, loraConfig());
        model.materialize(m, DataType.FLOAT32, true);
        ModelChecks.randomizeLoraB(loras, m, 0.5f);
    }

    private static LoraConfig loraConfig() {
        return LoraConfig.of(4, 8, 0, List.of("q_proj", "k_proj", "v_proj", "out_proj"), null);
    }

    private static Wav2Vec2Classifier classifier(Wav2Vec2Config config) {
        return "ecg_fm".equals(config.modelType())
                ? new EcgFmForSequenceClassification(config)
                : new Wav2Vec2ForSequenceClassification(config);
    }

    private static Wav2Vec2Config randomConfig(Random r, String type) {
        int convLayers = 2 + r.nextInt(3);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < convLayers; i++) {
            int kernel = 2 + r.nextInt(9);
            int stride = 1 + r.nextInt(Math.min(5, kernel));
            parts.add("[(" + WIDTHS[r.nextInt(WIDTHS.length)] + ", " + kernel + ", " + stride + ")]");
        }
        int heads = new int[] {2, 4}[r.nextInt(2)];
        int hidden = heads * 8 * (1 + r.nextInt(2));
        int posGroups = new int[] {1, 2, 4}[r.nextInt(3)];
        boolean stable = !"ecg_fm".equals(type) && r.nextBoolean();
        String norm = stable || r.nextBoolean() ? "layer" : "group";
        return new Wav2Vec2Config(
                type,
                "ecg_fm".equals(type) ? 12 : 1,
                ConvStack.parse(String.join(" + ", parts)),
                r.nextBoolean(),
                norm,
                "gelu",
                true,
                hidden,
                1 + r.nextInt(2),
                heads,
                2 * hidden,
                "gelu",
                1e-5f,
                2 + r.nextInt(15),
                posGroups,
                stable,
                false,
                false,
                16,
                2,
                Dropouts.none(),
                "ecg_fm".equals(type) ? 500 : 16_000);
    }

    /** An odd input length that leaves 5 to 20 frames. */
    private static int oddLength(Random r, Wav2Vec2Config config) {
        int length = 1;
        while (config.framesFor(length) < 5 + r.nextInt(16)) {
            length += 1 + r.nextInt(40);
        }
        return length % 2 == 1 ? length : length + 1;
    }
}
