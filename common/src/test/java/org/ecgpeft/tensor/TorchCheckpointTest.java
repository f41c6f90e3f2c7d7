package org.ecgpeft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TorchCheckpointTest {

    @TempDir
    Path tmp;

    /**
     * The legacy {@code pytorch_model.bin} (base model, weight_g/weight_v, pre-training heads) holds
     * the same weights as the classifier's safetensors after renaming.
     */
    @ParameterizedTest
    @CsvSource({"wav2vec2-tiny, '', 46, 4", "wav2vec2-tiny-stable, '', 50, 4", "hubert-tiny, hubert., 46, 0"})
    void binHoldsTheSafetensorsWeights(String model, String prefix, int shared, int pretrainingHeads)
            throws IOException {
        KeyMapping mapping = KeyMapping.builder()
                .ignore("^(quantizer|project_q|project_hid)\\.")
                .weightNorm(KeyMapping.WeightNorm.TO_PARAMETRIZATIONS)
                .addPrefix(prefix)
                .build();
        try (TensorReader bin = Checkpoints.open(Fixtures.of(model + "/hf_bin/pytorch_model.bin"));
                TensorReader safetensors = Checkpoints.open(Fixtures.of(model + "/hf_safetensors"))) {
            int compared = 0;
            int ignored = 0;
            for (String key : bin.names()) {
                var mapped = mapping.map(key);
                if (mapped.isEmpty()) {
                    ignored++;
                    continue;
                }
                String name = mapped.get();
                assertTrue(safetensors.contains(name), key + " -> " + name);
                assertEquals(safetensors.meta(name).dtype(), bin.meta(key).dtype());
                assertArrayEquals(safetensors.meta(name).shape(), bin.meta(key).shape(), name);
                assertArrayEquals(safetensors.readFloats(name), bin.readFloats(key), name);
                compared++;
            }
            assertEquals(shared, compared);
            assertEquals(pretrainingHeads, ignored);
            assertTrue(bin.names().stream().anyMatch(k -> k.endsWith("pos_conv_embed.conv.weight_g")));
        }
    }

    @Test
    void binTensorsBecomeDjlArrays() throws IOException {
        try (TensorReader bin = Checkpoints.open(Fixtures.of("hubert-tiny/hf_bin/pytorch_model.bin"));
                NDManager manager = NDManager.newBaseManager()) {
            for (String name : bin.names()) {
                NDArray array = bin.read(name, manager, DataType.FLOAT16);
                assertEquals(DataType.FLOAT16, array.getDataType());
                assertArrayEquals(bin.meta(name).shape(), array.getShape().getShape());
                float[] expected = bin.readFloats(name);
                float[] got = array.toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], got[i], Math.abs(expected[i]) * 0x1p-10f + 0x1p-24f, name);
                }
            }
        }
    }

    @Test
    void fairseqCheckpointDecodesCfgAndStateDict() throws IOException {
        try (FairseqCheckpoint checkpoint = FairseqCheckpoint.open(Fixtures.of("ecgfm-tiny/checkpoint.pt"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> model = (Map<String, Object>) checkpoint.cfg().get("model");
            assertEquals("ecg_transformer", model.get("_name"));
            assertEquals("[(16, 2, 2), (16, 2, 2), (16, 2, 2), (16, 2, 2)]", model.get("conv_feature_layers"));
            assertEquals(12, model.get("in_d"));
            assertEquals(32, model.get("encoder_embed_dim"));
            assertEquals(Boolean.FALSE, model.get("layer_norm_first"));
            TensorReader state = checkpoint.model();
            assertEquals(47, state.names().size());
            Set<String> expected = new TreeSet<>(List.of(
                    "feature_extractor.conv_layers.0.0.weight",
                    "feature_extractor.conv_layers.0.2.weight",
                    "feature_extractor.conv_layers.0.2.bias",
                    "feature_extractor.conv_layers.3.0.weight",
                    "layer_norm.weight",
                    "post_extract_proj.weight",
                    "conv_pos.pos_conv.0.parametrizations.weight.original0",
                    "conv_pos.pos_conv.0.parametrizations.weight.original1",
                    "encoder.layer_norm.bias",
                    "encoder.layers.1.self_attn.out_proj.weight",
                    "encoder.layers.0.self_attn_layer_norm.weight",
                    "encoder.layers.1.fc1.weight",
                    "encoder.layers.1.fc2.bias",
                    "encoder.layers.1.final_layer_norm.weight"));
            assertTrue(state.names().containsAll(expected), state.names().toString());
            // conv layer 0: 16 filters over 12 leads, kernel 2 (fixture README: [(16,2,2)]*4, 12-lead input)
            assertArrayEquals(
                    new long[] {16, 12, 2},
                    state.meta("feature_extractor.conv_layers.0.0.weight").shape());
            assertArrayEquals(
                    new long[] {32, 16}, state.meta("post_extract_proj.weight").shape());
            float[] weight = state.readFloats("encoder.layers.0.fc1.weight");
            assertEquals(64 * 32, weight.length);
            assertTrue(sumAbs(weight) > 0);
        }
    }

    @Test
    void checkpointsOpenFindsTheFairseqModelDict() throws IOException {
        try (TensorReader reader = Checkpoints.open(Fixtures.of("ecgfm-tiny/checkpoint.pt"))) {
            assertEquals(47, reader.names().size());
        }
    }

    /** Views with gaps (a transposed matrix, a strided slice) and offsets are materialized row-major. */
    @Test
    void stridedAndOffsetViewsAreMaterialized() throws IOException {
        byte[] pickle = new PickleBuilder()
                .op('}')
                .op('(')
                .str("transposed")
                .tensor("FloatStorage", "0", 6, 0, new int[] {2, 3}, new int[] {1, 2})
                .str("every_other")
                .tensor("FloatStorage", "0", 6, 1, new int[] {2}, new int[] {2})
                .str("tail")
                .tensor("FloatStorage", "0", 6, 2, new int[] {3}, new int[] {1})
                .str("scalar")
                .tensor("LongStorage", "1", 1, 0, new int[] {}, new int[] {})
                .str("half")
                .tensor("HalfStorage", "2", 2, 0, new int[] {2}, new int[] {1})
                .op('u')
                .stop();
        ByteBuffer floats = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            floats.putFloat(i);
        }
        ByteBuffer longs = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(42);
        ByteBuffer halves = ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort(HalfFloat.fromFloat(1.5f))
                .putShort(HalfFloat.fromFloat(-0.25f));
        Path file = tmp.resolve("views.pt");
        PickleBuilder.writeZip(file, pickle, Map.of("0", floats.array(), "1", longs.array(), "2", halves.array()));
        try (TensorReader reader = Checkpoints.open(file);
                NDManager manager = NDManager.newBaseManager()) {
            assertEquals(List.of("every_other", "half", "scalar", "tail", "transposed"), List.copyOf(reader.names()));
            assertArrayEquals(new float[] {0, 2, 4, 1, 3, 5}, reader.readFloats("transposed"));
            NDArray transposed = reader.read("transposed", manager, null);
            assertArrayEquals(new long[] {2, 3}, transposed.getShape().getShape());
            assertArrayEquals(new float[] {0, 2, 4, 1, 3, 5}, transposed.toFloatArray());
            assertArrayEquals(new float[] {1, 3}, reader.readFloats("every_other"));
            assertArrayEquals(
                    new float[] {2, 3, 4},
                    reader.read("tail", manager, DataType.FLOAT32).toFloatArray());
            NDArray scalar = reader.read("scalar", manager, null);
            assertEquals(0, scalar.getShape().dimension());
            assertEquals(42L, scalar.getLong());
            assertEquals(TensorDType.F16, reader.meta("half").dtype());
            assertArrayEquals(
                    new float[] {1.5f, -0.25f},
                    reader.read("half", manager, DataType.FLOAT32).toFloatArray());
        }
    }

    /** Older fairseq checkpoints hold an argparse Namespace; hydra ones may hold omegaconf objects. */
    @Test
    void namespaceAndOmegaconfCfgDecodeToMaps() throws IOException {
        byte[] pickle = argsNamespace()
                .str("cfg")
                .global("omegaconf.dictconfig", "DictConfig")
                .op(')')
                .op('\u0081')
                .op('}')
                .op('(')
                .str("_content")
                .op('}')
                .op('(')
                .str("model")
                .global("omegaconf.nodes", "AnyNode")
                .op(')')
                .op('\u0081')
                .op('}')
                .op('(')
                .str("_val")
                .str("ecg_transformer")
                .op('u')
                .op('b')
                .op('u')
                .str("_metadata")
                .global("omegaconf.base", "ContainerMetadata")
                .op(')')
                .op('\u0081')
                .op('u')
                .op('b')
                .str("model")
                .op('}')
                .str("w")
                .tensor("FloatStorage", "0", 1, 0, new int[] {1}, new int[] {1})
                .op('s')
                .op('u')
                .stop();
        Path file = tmp.resolve("fairseq.pt");
        PickleBuilder.writeZip(
                file,
                pickle,
                Map.of(
                        "0",
                        ByteBuffer.allocate(4)
                                .order(ByteOrder.LITTLE_ENDIAN)
                                .putFloat(7f)
                                .array()));
        try (FairseqCheckpoint checkpoint = FairseqCheckpoint.open(file)) {
            assertEquals(Map.of("model", "ecg_transformer"), checkpoint.cfg());
            assertArrayEquals(new float[] {7f}, checkpoint.model().readFloats("w"));
        }
        assertEquals(Map.of("arch", "wav2vec2", "dropout", 0), decodeArgsOnly());
    }

    /**
     * A checkpoint dict opened with an argparse {@code Namespace(arch='wav2vec2', dropout=0)} under {@code args},
     * as older fairseq saves it; the caller adds the other entries and closes the dict.
     */
    private static PickleBuilder argsNamespace() {
        return new PickleBuilder()
                .op('}')
                .op('(')
                .str("args")
                .global("argparse", "Namespace")
                .op(')')
                .op('\u0081')
                .op('}')
                .op('(')
                .str("arch")
                .str("wav2vec2")
                .str("dropout")
                .integer(0)
                .op('u')
                .op('b');
    }

    private Map<String, Object> decodeArgsOnly() throws IOException {
        byte[] pickle = argsNamespace().str("model").op('}').op('u').stop();
        Path file = tmp.resolve("namespace.pt");
        PickleBuilder.writeZip(file, pickle, Map.of());
        try (FairseqCheckpoint checkpoint = FairseqCheckpoint.open(file)) {
            assertTrue(checkpoint.model().names().isEmpty());
            return checkpoint.cfg();
        }
    }

    @Test
    void nonZipFileIsRefusedClearly() throws IOException {
        Path file = tmp.resolve("legacy.pt");
        Files.write(file, new byte[] {(byte) 0x80, 2, 'N', '.'});
        IOException e = assertThrows(IOException.class, () -> Checkpoints.open(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("legacy"), e.getMessage());
    }

    @Test
    void truncatedStorageIsRefusedWithItsName() throws IOException {
        byte[] pickle = new PickleBuilder()
                .op('}')
                .str("w")
                .tensor("FloatStorage", "0", 4, 0, new int[] {4}, new int[] {1})
                .op('s')
                .stop();
        Path file = tmp.resolve("short.bin");
        PickleBuilder.writeZip(file, pickle, Map.of("0", new byte[8]));
        try (TensorReader reader = Checkpoints.open(file)) {
            assertFalse(reader.names().isEmpty());
            RuntimeException e = assertThrows(RuntimeException.class, () -> reader.readFloats("w"));
            assertTrue(
                    e.getMessage().contains("'w'")
                            && e.getMessage().contains(file.toString())
                            && e.getMessage().contains("truncated"),
                    e.getMessage());
        }
    }

    private static double sumAbs(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += Math.abs(v);
        }
        return sum;
    }
}
