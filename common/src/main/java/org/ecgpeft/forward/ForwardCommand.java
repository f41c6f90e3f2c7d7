package org.ecgpeft.forward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.cli.Tool;
import org.ecgpeft.cli.ToolMain;
import org.ecgpeft.model.nn.Module;
import org.ecgpeft.peft.LoraAdapterFiles;
import org.ecgpeft.tensor.Checkpoints;
import org.ecgpeft.tensor.SafetensorsWriter;
import org.ecgpeft.tensor.TensorReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code forward --checkpoint PATH [--adapter PEFT_DIR] --input IO.safetensors --out OUT.safetensors}: runs a
 * pretrained checkpoint, optionally with an HF peft LoRA adapter, on the tensors of a safetensors file and writes its
 * outputs ({@code hidden_states.{i}}, {@code logits} when the checkpoint has a head) as safetensors, for parity checks against Python and for inspecting a model.
 * {@code PATH} is an HF model folder (its family from {@code config.json}'s {@code model_type}) or a fairseq
 * {@code .pt} file.
 */
public final class ForwardCommand implements Tool<ForwardCommand.Config> {

    /** Loads and runs checkpoints of one model family. */
    public interface Family {
        /** Loads {@code checkpoint} (FP32, evaluation) into {@code manager}. */
        Module load(Path checkpoint, NDManager manager) throws IOException;

        /** Runs a loaded model on the family's inputs found in {@code inputs} and returns the named outputs. */
        Map<String, NDArray> run(Module model, TensorReader inputs, NDManager manager);
    }

    /** Model type used for fairseq {@code .pt} checkpoints, which carry no {@code config.json}. */
    static final String FAIRSEQ = "fairseq";

    /** Families by model type; a new family is one more entry. */
    private static final Map<String, Family> FAMILIES = Map.of(
            "wav2vec2",
            new Wav2Vec2Forward(),
            "hubert",
            new Wav2Vec2Forward(),
            FAIRSEQ,
            new Wav2Vec2Forward(),
            "qwen3",
            new Qwen3Forward());

    private static final Logger LOG = LoggerFactory.getLogger(ForwardCommand.class);
    /** The validated command line; {@code adapter} is null when none is given. */
    public record Config(Path checkpoint, Path adapter, Path input, Path output) {}

    @Override
    public String name() {
        return "forward";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Run a checkpoint (+ optional LoRA adapter) on the tensors of a safetensors file and write its outputs.",
                null,
                List.of(
                        Opt.value("checkpoint", "PATH", null, "HF model folder (config.json) or fairseq .pt file"),
                        Opt.value("adapter", "DIR", null, "HF peft LoRA adapter folder applied on top"),
                        Opt.value("input", "FILE", null, "safetensors with the model's inputs"),
                        Opt.value("out", "FILE", null, "safetensors the outputs are written to")
                                .alias("output")));
    }

    @Override
    public Config configure(ParsedArgs a) {
        return new Config(
                a.path("checkpoint"), a.given("adapter") ? a.path("adapter") : null, a.path("input"), a.path("out"));
    }

    public static void main(String[] args) throws Exception {
        ToolMain.main(new ForwardCommand(), args);
    }

    @Override
    public void run(Config config) throws IOException {
        forward(config);
    }

    /** Runs the model; returns the names of the tensors written. */
    public static Set<String> forward(Config options) throws IOException {
        Family family = familyOf(options.checkpoint());
        if (options.adapter() != null && !Files.isDirectory(options.adapter())) {
            throw new IOException("adapter folder " + options.adapter() + " does not exist");
        }
        if (!Files.isRegularFile(options.input())) {
            throw new IOException("input file " + options.input() + " does not exist");
        }
        Path parent = options.output().toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("output folder " + parent + " does not exist");
        }
        try (NDManager manager = NDManager.newBaseManager();
                TensorReader inputs = Checkpoints.open(options.input())) {
            Map<String, NDArray> outputs;
            Module model = family.load(options.checkpoint(), manager);
            if (options.adapter() != null) {
                LoraAdapterFiles.load(options.adapter(), model);
            }
            try {
                outputs = family.run(model, inputs, manager);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("input " + options.input() + ": " + e.getMessage(), e);
            }
            SafetensorsWriter.write(
                    options.output(),
                    outputs,
                    Map.of("checkpoint", options.checkpoint().toString()));
            LOG.info("wrote {} tensors to {}", outputs.size(), options.output());
            return new TreeSet<>(outputs.keySet());
        }
    }

    /** The family of a checkpoint: {@code model_type} of a folder's {@code config.json}, or fairseq for a {@code .pt}. */
    static Family familyOf(Path checkpoint) throws IOException {
        String type;
        if (Files.isDirectory(checkpoint)) {
            Path config = checkpoint.resolve("config.json");
            if (!Files.isRegularFile(config)) {
                throw new IOException("model folder " + checkpoint + " has no config.json");
            }
            type = new ObjectMapper()
                    .readTree(config.toFile())
                    .path("model_type")
                    .asText("");
            if (type.isEmpty()) {
                throw new IOException(config + " has no model_type");
            }
        } else if (Files.isRegularFile(checkpoint)
                && checkpoint.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pt")) {
            type = FAIRSEQ;
        } else if (!Files.exists(checkpoint)) {
            throw new IOException("checkpoint " + checkpoint + " does not exist");
        } else {
            throw new IOException(
                    "checkpoint " + checkpoint + " is neither a model folder with config.json nor a .pt file");
        }
        Family family = FAMILIES.get(type);
        if (family == null) {
            throw new IllegalArgumentException("no forward support for model_type '" + type + "' of " + checkpoint
                    + " (supported: " + new TreeMap<>(FAMILIES).keySet() + ")");
        }
        return family;
    }
}
