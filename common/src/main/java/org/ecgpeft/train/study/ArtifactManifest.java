package org.ecgpeft.train.study;

import static org.ecgpeft.config.JsonFields.required;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.ecgpeft.config.JsonFields;
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

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        try {
            return new ObjectMapper().writeValueAsString(new TreeMap<>(hyperParams));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise hyper-parameters " + hyperParams, e);
        }
    }

    /** Writes {@code artifact.json} into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("run_id", runId);
        root.put("family", family.key());
        root.put("peft", peft.key());
        ObjectNode hp = root.putObject("hyper_params");
        new TreeMap<>(hyperParams).forEach(hp::put);
        ObjectNode base = root.putObject("base");
        base.put("checkpoint", baseCheckpoint);
        base.set("config", ModelConfigJson.toJson(baseConfig));
        ObjectNode in = root.putObject("input");
        in.put("source_rate_hz", input.sourceRateHz());
        in.put("model_rate_hz", input.modelRateHz());
        in.put("leads", input.leads());
        in.put("lead_index", input.leadIndex());
        in.put("segment_length", input.segmentLength());
        root.put("norm_mode", normMode);
        root.put("data_version", dataVersion);
        JSON.writeValue(dir.resolve(FILE).toFile(), root);
    }

    /** Reads {@code dir/artifact.json}; errors name the file and the key. */
    public static ArtifactManifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + FILE + " in " + dir + " (not a model artifact folder)");
        }
        return JsonFields.read(file, ArtifactManifest::parse);
    }

    private static ArtifactManifest parse(JsonNode root) {
        try {
            int version = required(root, "format_version").asInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException(
                        "format_version " + version + " is not supported (expected " + FORMAT_VERSION + ")");
            }
            Family family = Family.parse(required(root, "family").asText());
            Map<String, String> hp = new LinkedHashMap<>();
            root.path("hyper_params")
                    .fields()
                    .forEachRemaining(e -> hp.put(e.getKey(), e.getValue().asText()));
            JsonNode base = required(root, "base");
            JsonNode checkpoint = base.get("checkpoint");
            Wav2Vec2Config config = ModelConfigJson.fromJson(required(base, "config"), family.preset(), "base.config");
            JsonNode in = required(root, "input");
            InputSpec input = new InputSpec(
                    required(in, "source_rate_hz").asDouble(),
                    required(in, "model_rate_hz").asDouble(),
                    required(in, "leads").asInt(),
                    required(in, "lead_index").asInt(),
                    required(in, "segment_length").asInt());
            return new ArtifactManifest(
                    required(root, "run_id").asText(),
                    family,
                    PeftMethod.parse(required(root, "peft").asText()),
                    hp,
                    checkpoint == null || checkpoint.isNull() ? null : checkpoint.asText(),
                    config,
                    input,
                    required(root, "norm_mode").asText(),
                    required(root, "data_version").asText());
        } catch (NullPointerException e) {
            // A null met while reading a malformed manifest means a bad file, not a bug: report it with the file.
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
