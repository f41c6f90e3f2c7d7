package org.ecgpeft.train.study;

import static org.ecgpeft.config.JsonFields.required;
import static org.ecgpeft.config.JsonFields.strings;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ecgpeft.config.JsonFields;
import org.ecgpeft.train.HyperGrid;
import org.ecgpeft.train.HyperParams;
import org.ecgpeft.train.TrainerConfig;
import org.ecgpeft.train.TrainerConfigJson;

/**
 * A whole PEFT study: families x methods x normalisation modes x hyper-parameter grid, read from a JSON file
 * such as {@code conf/peft-study.json}:
 * <pre>
 * {"families": {"wav2vec2": {"checkpoint": "/models/wav2vec2-base"},
 *               "hubert":   {"tiny": {"hidden_size": 32, ...}},
 *               "ecgfm":    {"checkpoint": "/models/ecg-fm.pt", "lead": "II"}},
 *  "methods": ["lora", "houlsby", "pfeiffer"],
 *  "norm_modes": ["per-segment", "global"],
 *  "peft": {"lora_dropout": 0.05, "adapter_activation": "relu"},
 *  "trainer": {...TrainerConfigJson keys...},
 *  "search": {...HyperGrid keys...}}
 * </pre>
 * A family gives exactly one of {@code checkpoint} (an HF model folder or a fairseq {@code .pt}) and
 * {@code tiny} (keys of {@link ModelConfigJson} overriding the family's real architecture, initialised at
 * random). {@code lead} ({@code I} or {@code II}, default {@code I}) says where the single lead goes in a
 * multi-lead model. Unknown keys fail with their path.
 */
public record StudyPlan(
        List<FamilyPlan> families,
        List<PeftMethod> methods,
        List<String> normModes,
        double loraDropout,
        String adapterActivation,
        TrainerConfig trainer,
        HyperGrid search) {

    /** The normalisation modes {@code ecg_segments} can hold. */
    public static final List<String> NORM_MODES = List.of("per-segment", "global");

    private static final Set<String> ROOT_KEYS =
            Set.of("families", "methods", "norm_modes", "peft", "trainer", "search");
    private static final Set<String> FAMILY_KEYS = Set.of("checkpoint", "tiny", "lead");
    private static final Set<String> PEFT_KEYS = Set.of("lora_dropout", "adapter_activation");

    public StudyPlan {
        families = List.copyOf(families);
        methods = List.copyOf(methods);
        normModes = List.copyOf(normModes);
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(search, "search");
        if (families.isEmpty() || methods.isEmpty() || normModes.isEmpty()) {
            throw new IllegalArgumentException(
                    "'families', 'methods' and 'norm_modes' must each list at least one entry");
        }
        for (String mode : normModes) {
            if (!NORM_MODES.contains(mode)) {
                throw new IllegalArgumentException("'norm_modes' entry '" + mode + "' is not one of " + NORM_MODES);
            }
        }
        // Validates dropout and activation once, before any run starts.
        new PeftSpec(PeftMethod.LORA, 1, 1, loraDropout, 1, adapterActivation);
        new PeftSpec(PeftMethod.PFEIFFER, 1, 1, loraDropout, 1, adapterActivation);
    }

    /** Reads and validates a plan file; errors name the file and the key. */
    public static StudyPlan read(Path file) throws IOException {
        return JsonFields.read(file, root -> parse(root, file));
    }

    private static StudyPlan parse(JsonNode root, Path file) throws IOException {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the plan must be a JSON object");
        }
        rejectUnknown(root, ROOT_KEYS, "");
        for (String key : List.of("families", "methods", "trainer", "search")) {
            if (!root.has(key)) {
                throw new IllegalArgumentException("missing key '" + key + "'");
            }
        }
        JsonNode peft = root.path("peft");
        if (!peft.isMissingNode()) {
            rejectUnknown(peft, PEFT_KEYS, "peft.");
        }
        return new StudyPlan(
                families(required(root, "families")),
                methods(required(root, "methods")),
                root.has("norm_modes") ? strings(root.get("norm_modes"), "norm_modes") : List.of("per-segment"),
                loraDropout(peft),
                adapterActivation(peft),
                TrainerConfigJson.read(file),
                HyperGrid.read(file));
    }

    /**
     * The runs of one method: the grid's points reduced to the values that matter for it (LoRA ignores the
     * reduction factor, adapters ignore rank and alpha), without duplicates, in grid order.
     */
    public List<RunPoint> points(PeftMethod method) {
        Set<RunPoint> out = new LinkedHashSet<>();
        for (HyperParams p : search.points()) {
            PeftSpec spec = method.isLora()
                    ? new PeftSpec(method, p.loraR(), p.loraAlpha(), loraDropout, 0, null)
                    : new PeftSpec(method, 0, 0, 0, p.reductionFactor(), adapterActivation);
            out.add(new RunPoint(spec, p.learningRate(), p.batchSize(), p.epochs()));
        }
        return List.copyOf(out);
    }

    /** How many runs the plan trains for one normalisation: families x the points of every method. */
    public int runCount() {
        return families.size()
                * methods.stream().mapToInt(m -> points(m).size()).sum();
    }

    /**
     * One run's hyper-parameters: the PEFT settings and the trainer overrides.
     */
    public record RunPoint(PeftSpec peft, double learningRate, int batchSize, int epochs) {

        /** {@code base} with this point's learning rate, batch size and epochs. */
        public TrainerConfig trainer(TrainerConfig base) {
            return new HyperParams(learningRate, batchSize, epochs, 1, 1, 1).applyTo(base);
        }

        /** Every hyper-parameter by config key, e.g. for the {@code ecg_models.hyper_params} column. */
        public Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("learning_rate", Double.toString(learningRate));
            m.put("batch_size", Integer.toString(batchSize));
            m.put("epochs", Integer.toString(epochs));
            m.putAll(peft.asMap());
            return m;
        }
    }

    private static List<FamilyPlan> families(JsonNode n) {
        if (!n.isObject() || n.isEmpty()) {
            throw new IllegalArgumentException("key 'families' must be a non-empty object of family -> base");
        }
        List<FamilyPlan> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "families." + e.getKey();
            Family family;
            try {
                family = Family.parse(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("key '" + where + "': " + ex.getMessage(), ex);
            }
            JsonNode spec = e.getValue();
            if (!spec.isObject()) {
                throw new IllegalArgumentException("key '" + where + "' must be an object with 'checkpoint' or 'tiny'");
            }
            rejectUnknown(spec, FAMILY_KEYS, where + ".");
            if (spec.has("checkpoint") == spec.has("tiny")) {
                throw new IllegalArgumentException("key '" + where + "' must give exactly one of 'checkpoint' "
                        + "(pretrained weights) and 'tiny' (a random-init config)");
            }
            BaseSpec base;
            if (spec.has("checkpoint")) {
                JsonNode path = spec.get("checkpoint");
                if (!path.isTextual() || path.asText().isBlank()) {
                    throw new IllegalArgumentException("key '" + where + ".checkpoint' must be a path, got " + path);
                }
                base = BaseSpec.pretrained(Path.of(path.asText()));
            } else {
                base = BaseSpec.randomInit(
                        ModelConfigJson.fromJson(spec.get("tiny"), family.preset(), where + ".tiny"));
            }
            String lead = spec.path("lead").asText("I");
            if (!lead.equals("I") && !lead.equals("II")) {
                throw new IllegalArgumentException(
                        "key '" + where + ".lead' must be \"I\" or \"II\", got " + spec.get("lead"));
            }
            out.add(new FamilyPlan(family, base, lead.equals("I") ? 0 : 1));
        }
        return out;
    }

    private static double loraDropout(JsonNode peft) {
        JsonNode v = peft.get("lora_dropout");
        if (v != null && !v.isNumber()) {
            throw new IllegalArgumentException("key 'peft.lora_dropout' must be a number, got " + v);
        }
        return v == null ? 0.05 : v.asDouble();
    }

    private static String adapterActivation(JsonNode peft) {
        JsonNode v = peft.get("adapter_activation");
        if (v != null && !v.isTextual()) {
            throw new IllegalArgumentException("key 'peft.adapter_activation' must be a string, got " + v);
        }
        return v == null ? "relu" : v.asText();
    }

    private static List<PeftMethod> methods(JsonNode n) {
        List<PeftMethod> out = new ArrayList<>();
        for (String s : strings(n, "methods")) {
            try {
                out.add(PeftMethod.parse(s));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key 'methods': " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static void rejectUnknown(JsonNode n, Set<String> known, String prefix) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + prefix + key + "' (known: " + known + ")");
            }
        }
    }
}
