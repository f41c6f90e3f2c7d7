package org.ecgpeft.model.wav2vec2;

import static org.ecgpeft.model.wav2vec2.Wav2Vec2ModelTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ecgpeft.tensor.CheckpointMismatchException;
import org.ecgpeft.tensor.Checkpoints;
import org.ecgpeft.tensor.LoadReport;
import org.ecgpeft.tensor.TensorReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hidden states and logits against HF transformers / fairseq-signals outputs stored with the fixtures. */
class Wav2Vec2ParityTest {

    private static final float TOL = 1e-4f;

    @ParameterizedTest
    @ValueSource(strings = {"wav2vec2-tiny", "wav2vec2-tiny-stable", "hubert-tiny"})
    void hfSafetensorsClassifierMatchesHiddenStatesAndLogits(String fixture) throws IOException {
        Path dir = Wav2Vec2ConfigTest.FIXTURES.resolve(fixture);
        try (NDManager m = NDManager.newBaseManager();
                TensorReader io = Checkpoints.open(dir.resolve("io.safetensors"))) {
            Wav2Vec2Checkpoints.Loaded loaded =
                    Wav2Vec2Checkpoints.load(dir.resolve("hf_safetensors"), m, DataType.FLOAT32);
            assertNotNull(loaded.classifier(), "the fixture is a sequence classifier");
            ClassifierOutput out =
                    loaded.classifier().classify(io.read("input_values", m, DataType.FLOAT32), null, false);
            assertHiddenStates(io, out.encoder(), m, fixture);
            assertClose(io.read("logits", m, DataType.FLOAT32), out.logits(), TOL, fixture + " logits");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wav2vec2-tiny", "wav2vec2-tiny-stable", "hubert-tiny"})
    void hfBinWithLegacyWeightNormAndPretrainingHeadsMatches(String fixture) throws IOException {
        Path dir = Wav2Vec2ConfigTest.FIXTURES.resolve(fixture);
        try (NDManager m = NDManager.newBaseManager();
                TensorReader io = Checkpoints.open(dir.resolve("io.safetensors"))) {
            NDArray input = io.read("input_values", m, DataType.FLOAT32);
            Wav2Vec2Checkpoints.Loaded bare = Wav2Vec2Checkpoints.load(dir.resolve("hf_bin"), m, DataType.FLOAT32);
            assertNull(bare.classifier(), "a base-model checkpoint has no head");
            assertHiddenStates(io, bare.encoder().forward(input, null, false), m, fixture + " bin");

            // The bin's encoder under the safetensors head must reproduce the logits too.
            Wav2Vec2Checkpoints.Loaded full =
                    Wav2Vec2Checkpoints.load(dir.resolve("hf_safetensors"), m, DataType.FLOAT32);
            LoadReport report = Wav2Vec2Checkpoints.loadEncoder(
                    dir.resolve("hf_bin"), full.classifier().base());
            assertTrue(report.isComplete());
            assertClose(
                    io.read("logits", m, DataType.FLOAT32),
                    full.classifier().classify(input, null, false).logits(),
                    TOL,
                    fixture + " bin logits");
        }
    }

    @Test
    void wav2vec2BinIgnoresOnlyThePretrainingHeads() throws IOException {
        Path bin = Wav2Vec2ConfigTest.FIXTURES.resolve("wav2vec2-tiny/hf_bin");
        try (NDManager m = NDManager.newBaseManager()) {
            Wav2Vec2Model encoder = new Wav2Vec2Model(Wav2Vec2Checkpoints.readConfig(bin));
            encoder.materialize(m, DataType.FLOAT32, false);
            LoadReport report = Wav2Vec2Checkpoints.loadEncoder(bin, encoder);
            assertEquals(encoder.namedParameters().size(), report.loaded().size());
            assertTrue(
                    !report.ignored().isEmpty()
                            && report.ignored().stream()
                                    .allMatch(k -> k.startsWith("quantizer.")
                                            || k.startsWith("project_q.")
                                            || k.startsWith("project_hid.")),
                    report.ignored().toString());
        }
    }

    @Test
    void ecgFmFairseqCheckpointMatches() throws IOException {
        Path dir = Wav2Vec2ConfigTest.FIXTURES.resolve("ecgfm-tiny");
        try (NDManager m = NDManager.newBaseManager();
                TensorReader io = Checkpoints.open(dir.resolve("io.safetensors"))) {
            Wav2Vec2Checkpoints.Loaded loaded =
                    Wav2Vec2Checkpoints.load(dir.resolve("checkpoint.pt"), m, DataType.FLOAT32);
            assertEquals(12, loaded.config().inChannels());
            assertEquals(List.of(2, 2, 2, 2), loaded.config().convKernel());
            assertNull(loaded.classifier());
            assertHiddenStates(
                    io, loaded.encoder().forward(io.read("source", m, DataType.FLOAT32), null, false), m, "ecgfm");
        }
    }

    @Test
    void aCheckpointOfAnotherShapeFailsListingTheKeys() throws IOException {
        Path folder = Wav2Vec2ConfigTest.FIXTURES.resolve("wav2vec2-tiny/hf_safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Wav2Vec2Config config = Wav2Vec2Checkpoints.readConfig(folder);
            Wav2Vec2Config deeper = new TinyConfig()
                    .modelType(config.modelType())
                    .conv(config.conv())
                    .numHiddenLayers(3)
                    .build();
            Wav2Vec2Model encoder = new Wav2Vec2Model(deeper);
            encoder.materialize(m, DataType.FLOAT32, false);
            CheckpointMismatchException e = assertThrows(
                    CheckpointMismatchException.class, () -> Wav2Vec2Checkpoints.loadEncoder(folder, encoder));
            assertTrue(e.missing().contains("encoder.layers.2.attention.q_proj.weight"), e.getMessage());
        }
    }

    private static void assertHiddenStates(TensorReader io, Wav2Vec2Output out, NDManager m, String what) {
        long expected =
                io.names().stream().filter(n -> n.startsWith("hidden_states.")).count();
        assertEquals(expected, out.hiddenStates().size(), what + " hidden state count");
        for (int i = 0; i < expected; i++) {
            assertClose(
                    io.read("hidden_states." + i, m, DataType.FLOAT32),
                    out.hiddenStates().get(i),
                    TOL,
                    what + " hidden_states." + i);
        }
    }
}
