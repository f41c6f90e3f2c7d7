package org.ecgpeft.train.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Arrays;
import java.util.Map;
import org.ecgpeft.cli.UsageException;
import org.junit.jupiter.api.Test;

/** bench-train's options, its GPU check and one real-width step on the CPU. */
class TrainBenchmarkTest {

    @Test
    void oneLayerOfWav2Vec2BaseWithLoraTrainsAStepAndReportsItsFigures() throws Exception {
        Map<String, Object> r = TrainBenchmark.measure(parse(
                "--model",
                "wav2vec2-base",
                "--peft",
                "lora",
                "--batch",
                "2",
                "--steps",
                "1",
                "--warmup",
                "0",
                "--samples",
                "4001",
                "--layers",
                "1"));
        assertEquals("wav2vec2 (1 layers)", r.get("model"));
        assertEquals(
                2, r.get("batch"), "--batch, the old spelling bench/device/run.sh used, still sets the batch size");
        // One layer of wav2vec2-base: the conv stack, projection, positional conv, one layer, and the head.
        assertEquals(
                Family.WAV2VEC2
                                .newClassifier(Family.WAV2VEC2.preset().withNumHiddenLayers(1))
                                .countParameters(false)
                        + 4 * 2 * 16 * 768L,
                ((Number) r.get("params_total")).longValue());
        assertTrue(((Number) r.get("step_ms")).doubleValue() > 0, r.toString());
        assertTrue(((Number) r.get("samples_per_s")).doubleValue() > 0, r.toString());
    }

    @Test
    void anFp16FrozenBaseTrainsAStepWithTheSameParameterCounts() throws Exception {
        String[] args = {
            "--model",
            "hubert-base-ls960",
            "--peft",
            "houlsby",
            "--batch-size",
            "2",
            "--steps",
            "1",
            "--warmup",
            "0",
            "--samples",
            "4001",
            "--layers",
            "1"
        };
        Map<String, Object> fp32 = TrainBenchmark.measure(parse(args));
        String[] half = Arrays.copyOf(args, args.length + 2);
        half[args.length] = "--dtype";
        half[args.length + 1] = "fp16";
        Map<String, Object> fp16 = TrainBenchmark.measure(parse(half));
        assertEquals("fp16", fp16.get("dtype"));
        assertEquals(fp32.get("params_total"), fp16.get("params_total"));
        assertEquals(fp32.get("params_trainable"), fp16.get("params_trainable"));
        assertTrue(((Number) fp16.get("step_ms")).doubleValue() > 0, fp16.toString());
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() throws Exception {
        assertMessage("option --model is required");
        assertMessage("--dtype must be fp32 or fp16", "--model", "ecg-fm", "--dtype", "bf16");
        assertMessage("option --batch-size must be at least 1, got 0", "--model", "ecg-fm", "--batch-size", "0");
        assertMessage("option --batch-size must be at least 1, got 0", "--model", "ecg-fm", "--batch", "0");
        assertMessage("unknown option --step (did you mean --steps?)", "--model", "ecg-fm", "--step", "2");
        assertMessage("--device must be cpu or gpu, got 'tpu'", "--model", "ecg-fm", "--device", "tpu");
        assertEquals(4, parse("--model", "qwen3-8b").batch(), "Qwen3's default batch");
        assertEquals(32, parse("--model", "ecg-fm").batch(), "the encoders' default batch");
    }

    private static TrainBenchmark.Config parse(String... args) throws UsageException {
        return new TrainBenchmark().parse(args).orElseThrow();
    }

    private static void assertMessage(String expected, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> parse(args));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void askingForAGpuWithoutOneFailsAtOnceSayingWhatWasFound() {
        if (Engine.getInstance().getGpuCount() > 0) {
            return;
        }
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> TrainBenchmark.requireDevice(Device.gpu()));
        assertTrue(e.getMessage().contains("sees no CUDA device"), e.getMessage());
        TrainBenchmark.requireDevice(Device.cpu());
    }
}
