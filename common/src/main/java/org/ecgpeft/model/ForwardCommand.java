package org.ecgpeft.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ecgpeft.model.qwen3.Qwen3Forward;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Forward;
import org.ecgpeft.tensor.Checkpoints;
import org.ecgpeft.tensor.SafetensorsWriter;
import org.ecgpeft.tensor.TensorReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code forward --checkpoint PATH --input IO.safetensors --output OUT.safetensors}: runs a pretrained checkpoint
 * on the tensors of a safetensors file and writes its outputs ({@code hidden_states.{i}}, {@code logits} when the
 * checkpoint has a head) as safetensors, for parity checks against Python and for inspecting a model.
 * {@code PATH} is an HF model folder (its family from {@code config.json}'s {@code model_type}) or a fairseq
 * {@code .pt} file.
 */
public final class ForwardCommand {

    /** Runs checkpoints of one model family. */
    public interface Family {
        /**
         * Loads {@code checkpoint} into {@code manager}, runs it on the family's inputs found in {@code inputs}
         * and returns the named outputs.
         */
        Map<String, NDArray> forward(Path checkpoint, TensorReader inputs, NDManager manager) throws IOException;
    }

    /** Model type used for fairseq {@code .pt} checkpoints, which carry no {@code config.json}. */
    static final String FAIRSEQ = "fairseq";

    /** Families by model type; a new family is one more entry. */
    private static final Map<String, Family> FAMILIES = Map.of(
            "wav2vec2", new Wav2Vec2Forward(),
            "hubert", new Wav2Vec2Forward(),
            FAIRSEQ, new Wav2Vec2Forward(),
            "qwen3", new Qwen3Forward());

    private static final Logger LOG = LoggerFactory.getLogger(ForwardCommand.class);
    private static final String USAGE =
            "usage: forward --checkpoint MODEL_DIR|CHECKPOINT.pt --input IN.safetensors --output OUT.safetensors";

    /** Parsed command-line options. */
    public record Options(Path checkpoint, Path input, Path output) {

        /** Parses {@code --checkpoint}, {@code --input} and {@code --output}, each required once. */
        public static Options parse(String[] args) {
            Map<String, String> values = new TreeMap<>();
            for (int i = 0; i < args.length; i++) {
                String key = args[i];
                if (!key.equals("--checkpoint") && !key.equals("--input") && !key.equals("--output")) {
                    throw new IllegalArgumentException("unknown option '" + key + "'; " + USAGE);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + key + " needs a value; " + USAGE);
                }
                if (values.put(key, args[++i]) != null) {
                    throw new IllegalArgumentException("option " + key + " given twice; " + USAGE);
                }
            }
            for (String key : new String[] {"--checkpoint", "--input", "--output"}) {
                if (!values.containsKey(key)) {
                    throw new IllegalArgumentException("missing " + key + "; " + USAGE);
                }
            }
            return new Options(Path.of(values.get("--checkpoint")), Path.of(values.get("--input")),
                    Path.of(values.get("--output")));
        }
    }

    private ForwardCommand() {
    }

    public static void main(String[] args) {
        try {
            run(Options.parse(args));
        } catch (IOException | RuntimeException e) {
            System.err.println("forward: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Runs the command; returns the names of the tensors written. */
    public static Set<String> run(Options options) throws IOException {
        Family family = familyOf(options.checkpoint());
        if (!Files.isRegularFile(options.input())) {
            throw new IOException("input file " + options.input() + " does not exist");
        }
        Path parent = options.output().toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("output folder " + parent + " does not exist");
        }
        try (NDManager manager = NDManager.newBaseManager(); TensorReader inputs = Checkpoints.open(options.input())) {
            Map<String, NDArray> outputs;
            try {
                outputs = family.forward(options.checkpoint(), inputs, manager);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("input " + options.input() + ": " + e.getMessage(), e);
            }
            SafetensorsWriter.write(options.output(), outputs, Map.of("checkpoint", options.checkpoint().toString()));
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
            type = new ObjectMapper().readTree(config.toFile()).path("model_type").asText("");
            if (type.isEmpty()) {
                throw new IOException(config + " has no model_type");
            }
        } else if (Files.isRegularFile(checkpoint)
                && checkpoint.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pt")) {
            type = FAIRSEQ;
        } else if (!Files.exists(checkpoint)) {
            throw new IOException("checkpoint " + checkpoint + " does not exist");
        } else {
            throw new IOException("checkpoint " + checkpoint + " is neither a model folder with config.json nor a .pt file");
        }
        Family family = FAMILIES.get(type);
        if (family == null) {
            throw new IllegalArgumentException("no forward support for model_type '" + type + "' of " + checkpoint
                    + " (supported: " + new TreeMap<>(FAMILIES).keySet() + ")");
        }
        return family;
    }
}
