package org.ecgpeft.train.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Checkpoints;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Model;
import org.ecgpeft.train.ConcurrentScoring;
import org.ecgpeft.train.SegmentDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArtifactRoundTripTest {

    @TempDir
    Path dir;

    private static ArtifactManifest manifest(Family family, PeftMethod method, Wav2Vec2Config config) {
        InputSpec input = new InputSpec(
                StudyFixtures.RATE_HZ,
                config.samplingRate(),
                config.inChannels(),
                config.inChannels() > 1 ? 1 : 0,
                StudyFixtures.SEGMENT);
        return new ArtifactManifest(
                "run-" + family.key() + "-" + method.key(),
                family,
                method,
                Map.of("learning_rate", "0.001"),
                null,
                config,
                input,
                "per-segment",
                "records@v0/test");
    }

    /** Trained weights are not at their init (LoRA B starts at zero): give every trainable array random values. */
    private static void perturbTrainable(PeftClassifier model, NDManager m) {
        for (Parameter p : model.model().trainableParameters().values()) {
            NDArray target = p.getArray();
            try (NDManager scratch = m.newSubManager()) {
                target.set(scratch.randomNormal(0f, 0.2f, target.getShape(), target.getDataType())
                        .toFloatArray());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"WAV2VEC2, LORA", "HUBERT, PFEIFFER", "ECGFM, HOULSBY", "ECGFM, LORA"})
    void savedArtifactReloadsToIdenticalProbabilities(Family family, PeftMethod method) throws IOException {
        Wav2Vec2Config config = StudyFixtures.tiny(family).withNumLabels(2);
        SegmentDataset data = StudyFixtures.synthetic(10, 5);
        ArtifactManifest manifest = manifest(family, method, config);
        Path artifact = dir.resolve(manifest.runId());
        double[] expected;
        try (NDManager m = NDManager.newBaseManager()) {
            PeftClassifier model = ModelFactory.build(
                    family, BaseSpec.randomInit(config), new PeftSpec(method, 4, 8, 0.0, 8, "relu"), m);
            perturbTrainable(model, m);
            Artifacts.save(artifact, manifest, model);
            try (SegmentClassifier inMemory =
                    new LoadedSegmentClassifier(manifest, model.model(), m.newSubManager(), 4)) {
                expected = inMemory.predictProbabilities(data.segments());
            }
        }
        try (NDManager m = NDManager.newBaseManager();
                SegmentClassifier loaded = SegmentClassifiers.load(artifact, m)) {
            assertEquals(manifest, loaded.manifest());
            double[] actual = loaded.predictProbabilities(data.segments());
            assertArrayEquals(expected, actual, 0.0);
            long distinct = Arrays.stream(actual)
                    .map(p -> Math.round(p * 1e6))
                    .distinct()
                    .count();
            assertTrue(distinct > 1, "probabilities should depend on the input");
        }
        assertTrue(Files.isRegularFile(artifact.resolve("peft/adapter_config.json")));
        assertTrue(Files.isRegularFile(artifact.resolve(ArtifactManifest.BASE_WEIGHTS)));
    }

    @ParameterizedTest
    @CsvSource({"WAV2VEC2, HOULSBY", "HUBERT, LORA", "ECGFM, PFEIFFER"})
    void concurrentCallersGetTheProbabilitiesOfOneCallerBitForBit(Family family, PeftMethod method) throws Exception {
        Wav2Vec2Config config = StudyFixtures.tiny(family).withNumLabels(2);
        ArtifactManifest manifest = manifest(family, method, config);
        Path artifact = dir.resolve(manifest.runId());
        try (NDManager m = NDManager.newBaseManager()) {
            PeftClassifier model = ModelFactory.build(
                    family, BaseSpec.randomInit(config), new PeftSpec(method, 4, 8, 0.0, 8, "relu"), m);
            perturbTrainable(model, m);
            Artifacts.save(artifact, manifest, model);
        }
        try (NDManager m = NDManager.newBaseManager();
                SegmentClassifier loaded = SegmentClassifiers.load(artifact, m)) {
            ConcurrentScoring.assertSameAsOneCaller(
                    loaded, m, StudyFixtures.synthetic(10, 5).segments());
        }
    }

    /** Pretrained bases (HF folder with legacy weight-norm names, fairseq .pt) are re-read, not copied. */
    @ParameterizedTest
    @CsvSource({
        "HUBERT, hubert-tiny/hf_bin, PFEIFFER",
        "WAV2VEC2, wav2vec2-tiny/hf_safetensors, LORA",
        "ECGFM, ecgfm-tiny/checkpoint.pt, HOULSBY"
    })
    void pretrainedBasesAreReferencedByPathAndReloadIdentically(Family family, String fixture, PeftMethod method)
            throws IOException {
        Path checkpoint =
                Path.of("src/test/resources/fixtures").resolve(fixture).toAbsolutePath();
        BaseSpec base = BaseSpec.pretrained(checkpoint);
        Wav2Vec2Config config = ModelFactory.architecture(family, base);
        InputSpec input = new InputSpec(
                StudyFixtures.RATE_HZ, config.samplingRate(), config.inChannels(), 0, StudyFixtures.SEGMENT);
        ArtifactManifest manifest = new ArtifactManifest(
                "pretrained-" + family.key(),
                family,
                method,
                Map.of(),
                checkpoint.toString(),
                config,
                input,
                "global",
                "records@v3/test");
        SegmentDataset data = StudyFixtures.synthetic(6, 8);
        double[] expected;
        float[] frozenWeight;
        try (NDManager m = NDManager.newBaseManager()) {
            PeftClassifier model = ModelFactory.build(family, base, new PeftSpec(method, 2, 4, 0.0, 4, "relu"), m);
            perturbTrainable(model, m);
            Map.Entry<String, Parameter> frozen = model.model().base().namedParameters().entrySet().stream()
                    .filter(e -> e.getKey().endsWith("attention.q_proj.weight"))
                    .findFirst()
                    .orElseThrow();
            frozenWeight = frozen.getValue().getArray().toFloatArray();
            assertFalse(frozen.getValue().requiresGradient());
            Artifacts.save(dir, manifest, model);
            try (SegmentClassifier inMemory =
                    new LoadedSegmentClassifier(manifest, model.model(), m.newSubManager(), 4)) {
                expected = inMemory.predictProbabilities(data.segments());
            }
        }
        assertFalse(Files.exists(dir.resolve(ArtifactManifest.BASE_WEIGHTS)), "a pretrained base is not copied");
        try (NDManager m = NDManager.newBaseManager();
                SegmentClassifier loaded = SegmentClassifiers.load(dir, m)) {
            assertArrayEquals(expected, loaded.predictProbabilities(data.segments()), 0.0);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Wav2Vec2Model encoder = new Wav2Vec2Model(config);
            encoder.materialize(m, DataType.FLOAT32, false);
            Wav2Vec2Checkpoints.loadEncoder(checkpoint, encoder);
            assertArrayEquals(
                    encoder.namedParameters()
                            .get("encoder.layers.0.attention.q_proj.weight")
                            .getArray()
                            .toFloatArray(),
                    frozenWeight,
                    0f,
                    "the base holds the checkpoint's weights");
        }
    }

    @Test
    void segmentsOfAnotherLengthAreRefusedWithTheRunId() throws IOException {
        Wav2Vec2Config config = StudyFixtures.tiny(Family.HUBERT).withNumLabels(2);
        ArtifactManifest manifest = manifest(Family.HUBERT, PeftMethod.LORA, config);
        try (NDManager m = NDManager.newBaseManager()) {
            PeftClassifier model = ModelFactory.build(
                    Family.HUBERT, BaseSpec.randomInit(config), new PeftSpec(PeftMethod.LORA, 2, 4, 0.0, 8, "relu"), m);
            Artifacts.save(dir, manifest, model);
        }
        try (NDManager m = NDManager.newBaseManager();
                SegmentClassifier loaded = SegmentClassifiers.load(dir, m)) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> loaded.predictProbabilities(new float[][] {new float[599]}));
            assertTrue(
                    e.getMessage().contains(manifest.runId()) && e.getMessage().contains("600"), e.getMessage());
            assertEquals(0, loaded.predictProbabilities(new float[0][]).length);
        }
        assertFalse(manifest.hyperParamsJson().isEmpty());
    }

    @Test
    void manifestJsonRoundTripsAndNamesBadKeys() throws IOException {
        ArtifactManifest manifest = manifest(Family.ECGFM, PeftMethod.HOULSBY, StudyFixtures.tiny(Family.ECGFM));
        manifest.write(dir);
        assertEquals(manifest, ArtifactManifest.read(dir));
        String json = Files.readString(dir.resolve(ArtifactManifest.FILE));
        Files.writeString(dir.resolve(ArtifactManifest.FILE), json.replace("\"houlsby\"", "\"prefix\""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArtifactManifest.read(dir));
        Path file = dir.resolve(ArtifactManifest.FILE);
        assertEquals(
                file + ": key \"peft\": unknown PEFT method 'prefix' (known: [lora, houlsby, pfeiffer])",
                e.getMessage());
        for (String[] bad : new String[][] {
            {
                "\"format_version\" : 1",
                "\"format_version\" : 2",
                "key \"format_version\": 2 is not supported (expected 1)"
            },
            {"\"leads\" : 12", "\"leads\" : \"12\"", "key \"input.leads\": expected an integer, got \"12\""},
            {"\"leads\" : 12,", "", "missing key \"input.leads\""},
            {"\"hidden_size\" : 32", "\"hiden_size\" : 32", "unknown key \"base.config.hiden_size\" (known: ["},
            {"\"hidden_size\" : 32", "\"hidden_size\" : 30", "key \"base.config\": hidden_size 30 is not divisible"}
        }) {
            assertTrue(json.contains(bad[0]), bad[0]);
            Files.writeString(file, json.replace(bad[0], bad[1]));
            String message = assertThrows(IllegalArgumentException.class, () -> ArtifactManifest.read(dir))
                    .getMessage();
            assertTrue(message.startsWith(file + ": " + bad[2]), message);
        }
        IOException missing = assertThrows(IOException.class, () -> ArtifactManifest.read(dir.resolve("nowhere")));
        assertTrue(missing.getMessage().contains("artifact.json"));
    }
}
