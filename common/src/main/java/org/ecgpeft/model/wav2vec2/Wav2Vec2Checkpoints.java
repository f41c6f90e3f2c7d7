package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.ecgpeft.tensor.Checkpoints;
import org.ecgpeft.tensor.FairseqCheckpoint;
import org.ecgpeft.tensor.KeyMapping;
import org.ecgpeft.tensor.LoadReport;
import org.ecgpeft.tensor.StateDictLoader;
import org.ecgpeft.tensor.TensorReader;

/**
 * Loads wav2vec2-family weights into materialized models, copying each tensor into the existing arrays.
 * Two layouts are understood:
 * <ul>
 * <li>an HF model folder: {@code config.json} plus {@code model.safetensors} or {@code pytorch_model.bin}; a
 * sequence classifier ({@code wav2vec2.}/{@code hubert.} prefix and {@code projector}/{@code classifier}), a
 * pre-training model (prefix, {@code quantizer.*}, {@code project_q.*}, {@code project_hid.*} ignored) or a bare
 * model without prefix; weight norm in the new or the legacy ({@code weight_g}/{@code weight_v}) names;</li>
 * <li>a fairseq-signals {@code .pt} checkpoint of an ECG transformer (ECG-FM), its architecture from {@code cfg}.</li>
 * </ul>
 * Loading is strict: keys the model lacks, parameters the checkpoint lacks and shape mismatches fail with a
 * {@link org.ecgpeft.tensor.CheckpointMismatchException} listing them.
 */
public final class Wav2Vec2Checkpoints {

    /**
     * What {@link #load} built.
     *
     * @param config the architecture read from the checkpoint
     * @param encoder the encoder (inside {@code classifier} when there is one)
     * @param classifier the encoder with its trained classification head, or null when the checkpoint has none
     */
    public record Loaded(Wav2Vec2Config config, Wav2Vec2Model encoder, Wav2Vec2Classifier classifier) {}

    private Wav2Vec2Checkpoints() {}

    /** Whether {@code checkpoint} is a fairseq {@code .pt} file rather than an HF folder. */
    public static boolean isFairseq(Path checkpoint) {
        return Files.isRegularFile(checkpoint)
                && checkpoint.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pt");
    }

    /** The architecture stored with an HF folder ({@code config.json}) or a fairseq {@code .pt} ({@code cfg}). */
    public static Wav2Vec2Config readConfig(Path checkpoint) throws IOException {
        if (isFairseq(checkpoint)) {
            try (FairseqCheckpoint pt = FairseqCheckpoint.open(checkpoint)) {
                return withSource(checkpoint, () -> Wav2Vec2Config.fromFairseqCfg(pt.cfg()));
            }
        }
        if (Files.isDirectory(checkpoint)) {
            return Wav2Vec2Config.fromHfConfig(checkpoint.resolve("config.json"));
        }
        throw new IOException("wav2vec2 checkpoint " + checkpoint
                + " is neither an HF model folder (config.json + weights) nor a fairseq .pt file");
    }

    /** Builds the model a checkpoint holds (with its head when it has one) on {@code manager} and loads it. */
    public static Loaded load(Path checkpoint, NDManager manager, DataType dtype) throws IOException {
        Wav2Vec2Config config = readConfig(checkpoint);
        if (!isFairseq(checkpoint) && hasClassifierHead(checkpoint, config)) {
            Wav2Vec2ForSequenceClassification classifier = new Wav2Vec2ForSequenceClassification(config);
            classifier.materialize(manager, dtype, false);
            loadClassifier(checkpoint, classifier);
            return new Loaded(config, classifier.base(), classifier);
        }
        Wav2Vec2Model encoder = new Wav2Vec2Model(config);
        encoder.materialize(manager, dtype, false);
        loadEncoder(checkpoint, encoder);
        return new Loaded(config, encoder, null);
    }

    /**
     * Loads the encoder weights of any supported checkpoint into a materialized encoder (for instance the
     * {@link Wav2Vec2Classifier#base()} of a fresh head to fine-tune); task heads in the checkpoint are ignored.
     */
    public static LoadReport loadEncoder(Path checkpoint, Wav2Vec2Model encoder) throws IOException {
        if (isFairseq(checkpoint)) {
            try (FairseqCheckpoint pt = FairseqCheckpoint.open(checkpoint)) {
                return load(pt.model(), Wav2Vec2KeyMappings.fairseqEncoder(), encoder.namedParameters());
            }
        }
        try (TensorReader reader = Checkpoints.open(checkpoint)) {
            return load(reader, Wav2Vec2KeyMappings.hfEncoder(encoder.config()), encoder.namedParameters());
        }
    }

    /** Loads an HF sequence-classification checkpoint (encoder and head) into a materialized classifier. */
    public static LoadReport loadClassifier(Path checkpoint, Wav2Vec2ForSequenceClassification classifier)
            throws IOException {
        try (TensorReader reader = Checkpoints.open(checkpoint)) {
            return load(
                    reader, Wav2Vec2KeyMappings.hfClassifier(classifier.base().config()), classifier.namedParameters());
        }
    }

    private static boolean hasClassifierHead(Path checkpoint, Wav2Vec2Config config) throws IOException {
        try (TensorReader reader = Checkpoints.open(checkpoint)) {
            return reader.contains("classifier.weight")
                    && reader.contains(config.modelType() + ".encoder.layer_norm.weight");
        }
    }

    private static LoadReport load(TensorReader reader, KeyMapping mapping, Map<String, Parameter> targets) {
        Parameter first = targets.values().iterator().next();
        if (!first.isInitialized()) {
            throw new IllegalStateException("materialize the model before loading " + reader.source() + " into it");
        }
        // Every parameter has its array, so the loader copies in place and never allocates on this manager.
        return StateDictLoader.strict(mapping)
                .load(reader, targets, first.getArray().getManager(), null);
    }

    private static Wav2Vec2Config withSource(Path checkpoint, Supplier<Wav2Vec2Config> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(checkpoint + ": " + e.getMessage(), e);
        }
    }
}
