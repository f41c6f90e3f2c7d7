package org.ecgpeft.train.study;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.ecgpeft.config.BadKeyException;
import org.ecgpeft.config.Json;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;

/**
 * What a trained model's checkpoint folder holds and how to rebuild it: {@code artifact.json}.
 * <pre>
 * {"format_version": 1, "run_id": "...", "family": "wav2vec2|hubert|ecgfm", "peft": "lora|houlsby|pfeiffer",
 *  "hyper_params": {"learning_rate": "1.0E-4", ...},
 *  "base": {"checkpoint": "/models/wav2vec2-base" | null, "config": {HF-style keys, see ModelConfigJson}},
 *  "input": {"source_rate_hz": 300, "model_rate_hz": 16000, "leads": 1, "lead_index": 0, "segment_length": 600},
 *  "norm_mode": "per-segment", "data_version": "..."}
 * </pre>
 * With a {@code base.checkpoint} the frozen base is re-read from those pretrained weights; without one (a
 * randomly initialised base, e.g. a tiny local model) the folder holds it in {@code base_model.safetensors}.
 * The PEFT weights and the head are in {@code peft/} (HF peft layout for LoRA, {@code AdapterFiles} for
 * bottleneck adapters).
 *
 * @param baseCheckpoint path of the pretrained base weights (HF folder or fairseq {@code .pt}), or null
 * @param baseConfig the base architecture with the study's two-class head
 */
public record ArtifactManifest(
        String runId,
        Family family,
        PeftMethod peft,
        Map<String, String> hyperParams,
        String baseCheckpoint,
        Wav2Vec2Config baseConfig,
        InputSpec input,
        String normMode,
        String dataVersion) {

    public static final String FILE = "artifact.json";
    public static final String PEFT_DIR = "peft";
    public static final String BASE_WEIGHTS = "base_model.safetensors";
    static final int FORMAT_VERSION = 1;

    public ArtifactManifest {
        if (runId == null || !runId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("run_id must be non-empty [A-Za-z0-9._-], got '" + runId + "'");
        }
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(peft, "peft");
        Objects.requireNonNull(baseConfig, "base.config");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(normMode, "norm_mode");
        Objects.requireNonNull(dataVersion, "data_version");
        hyperParams = Map.copyOf(hyperParams);
        if (baseConfig.inChannels() != input.leads()) {
            throw new IllegalArgumentException(
                    "input.leads " + input.leads() + " differs from the base's in_channels " + baseConfig.inChannels());
        }
    }

    /** The hyper-parameters as a JSON object string (the {@code ecg_models.hyper_params} column). */
    public String hyperParamsJson() {
        return Json.OWN.write(new TreeMap<>(hyperParams));
    }

    /** Writes {@code artifact.json} into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Json.OWN.write(
                dir.resolve(FILE),
                new ManifestJson(
                        FORMAT_VERSION,
                        runId,
                        family.key(),
                        peft.key(),
                        new TreeMap<>(hyperParams),
                        new BaseJson(baseCheckpoint, ModelConfigJson.of(baseConfig)),
                        new InputJson(
                                input.sourceRateHz(),
                                input.modelRateHz(),
                                input.leads(),
                                input.leadIndex(),
                                input.segmentLength()),
                        normMode,
                        dataVersion));
    }

    /** Reads {@code dir/artifact.json}; errors name the file and the key. */
    public static ArtifactManifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + FILE + " in " + dir + " (not a model artifact folder)");
        }
        return Json.OWN.read(file, ManifestJson.class, ManifestJson::toManifest);
    }

    /** {@code artifact.json} as written; every key is required ({@code base.checkpoint} may be null). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ManifestJson(
            Integer formatVersion,
            String runId,
            String family,
            String peft,
            Map<String, String> hyperParams,
            BaseJson base,
            InputJson input,
            String normMode,
            String dataVersion) {

        ManifestJson {
            if (!Integer.valueOf(FORMAT_VERSION).equals(BadKeyException.required(formatVersion, "format_version"))) {
                throw BadKeyException.of(
                        "format_version", formatVersion + " is not supported (expected " + FORMAT_VERSION + ")");
            }
            BadKeyException.required(runId, "run_id");
            BadKeyException.required(family, "family");
            BadKeyException.required(peft, "peft");
            BadKeyException.required(hyperParams, "hyper_params");
            BadKeyException.required(base, "base");
            BadKeyException.required(input, "input");
            BadKeyException.required(normMode, "norm_mode");
            BadKeyException.required(dataVersion, "data_version");
        }

        ArtifactManifest toManifest() {
            Family f = parse("family", () -> Family.parse(family));
            PeftMethod method = parse("peft", () -> PeftMethod.parse(peft));
            return new ArtifactManifest(
                    runId,
                    f,
                    method,
                    hyperParams,
                    base.checkpoint(),
                    base.config().applyTo(f.preset(), "base.config"),
                    new InputSpec(
                            input.sourceRateHz(),
                            input.modelRateHz(),
                            input.leads(),
                            input.leadIndex(),
                            input.segmentLength()),
                    normMode,
                    dataVersion);
        }

        private static <T> T parse(String key, Supplier<T> parser) {
            try {
                return parser.get();
            } catch (IllegalArgumentException e) {
                throw BadKeyException.of(key, e.getMessage(), e);
            }
        }
    }

    /** The base model: its pretrained weights (or null for a random-init base kept here) and architecture. */
    record BaseJson(String checkpoint, ModelConfigJson config) {

        BaseJson {
            BadKeyException.required(config, "config");
        }
    }

    /** How segments become model input (see {@link InputSpec}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record InputJson(Double sourceRateHz, Double modelRateHz, Integer leads, Integer leadIndex, Integer segmentLength) {

        InputJson {
            BadKeyException.required(sourceRateHz, "source_rate_hz");
            BadKeyException.required(modelRateHz, "model_rate_hz");
            BadKeyException.required(leads, "leads");
            BadKeyException.required(leadIndex, "lead_index");
            BadKeyException.required(segmentLength, "segment_length");
        }
    }
}
