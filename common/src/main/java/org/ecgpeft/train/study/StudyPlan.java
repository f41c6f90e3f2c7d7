package org.ecgpeft.train.study;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ecgpeft.config.BadKeyException;
import org.ecgpeft.config.Json;
import org.ecgpeft.train.HyperGrid;
import org.ecgpeft.train.HyperGridJson;
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
 *  "search": {...HyperGridJson keys...}}
 * </pre>
 * A family gives exactly one of {@code checkpoint} (an HF model folder or a fairseq {@code .pt}) and
 * {@code tiny} (keys of {@link ModelConfigJson} overriding the family's real architecture, initialised at
 * random). {@code lead} ({@code I} or {@code II}, default {@code I}) says where the single lead goes in a
 * multi-lead model. {@code norm_modes} defaults to {@code ["per-segment"]}, {@code peft} to dropout 0.05 and
 * activation relu. Unknown keys fail with their path.
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

    public StudyPlan {
        families = List.copyOf(families);
        methods = List.copyOf(methods);
        normModes = List.copyOf(normModes);
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(search, "search");
        requireEntries(families, "families");
        requireEntries(methods, "methods");
        requireEntries(normModes, "norm_modes");
        for (int i = 0; i < normModes.size(); i++) {
            if (!NORM_MODES.contains(normModes.get(i))) {
                throw BadKeyException.of(
                        "norm_modes[" + i + "]", "must be one of " + NORM_MODES + ", got \"" + normModes.get(i) + "\"");
            }
        }
        // Validates dropout and activation once, before any run starts.
        try {
            new PeftSpec(PeftMethod.LORA, 1, 1, loraDropout, 1, adapterActivation);
            new PeftSpec(PeftMethod.PFEIFFER, 1, 1, loraDropout, 1, adapterActivation);
        } catch (IllegalArgumentException e) {
            throw BadKeyException.of("peft", e.getMessage(), e);
        }
    }

    /** Reads and validates a plan file; errors name the file and the key. */
    public static StudyPlan read(Path file) throws IOException {
        return Json.OWN.read(file, PlanJson.class, PlanJson::toPlan);
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

    private static void requireEntries(List<?> values, String key) {
        if (values.isEmpty()) {
            throw BadKeyException.of(key, "must list at least one entry");
        }
    }

    /** The plan file as written; {@link #toPlan} resolves families, methods and defaults. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PlanJson(
            Map<String, FamilyJson> families,
            List<String> methods,
            List<String> normModes,
            PeftJson peft,
            TrainerConfigJson trainer,
            HyperGridJson search) {

        PlanJson {
            BadKeyException.required(families, "families");
            BadKeyException.required(methods, "methods");
            BadKeyException.required(trainer, "trainer");
            BadKeyException.required(search, "search");
        }

        StudyPlan toPlan() {
            List<FamilyPlan> familyPlans = new ArrayList<>();
            families.forEach((name, spec) -> familyPlans.add(spec.toPlan(name)));
            List<PeftMethod> peftMethods = new ArrayList<>();
            for (int i = 0; i < methods.size(); i++) {
                try {
                    peftMethods.add(PeftMethod.parse(methods.get(i)));
                } catch (IllegalArgumentException e) {
                    throw BadKeyException.of("methods[" + i + "]", e.getMessage(), e);
                }
            }
            PeftJson p = peft != null ? peft : new PeftJson(null, null);
            return new StudyPlan(
                    familyPlans,
                    peftMethods,
                    normModes != null ? normModes : List.of("per-segment"),
                    p.loraDropout() != null ? p.loraDropout() : 0.05,
                    p.adapterActivation() != null ? p.adapterActivation() : "relu",
                    Json.under("trainer", trainer::toConfig),
                    Json.under("search", search::toGrid));
        }
    }

    /** One family's base: exactly one of a checkpoint path and a tiny random-init config. */
    record FamilyJson(String checkpoint, ModelConfigJson tiny, String lead) {

        FamilyJson {
            if ((checkpoint != null) == (tiny != null)) {
                throw new IllegalArgumentException("must give exactly one of \"checkpoint\" (pretrained weights)"
                        + " and \"tiny\" (a random-init config)");
            }
            if (checkpoint != null && checkpoint.isBlank()) {
                throw BadKeyException.of("checkpoint", "must be a path, got \"" + checkpoint + "\"");
            }
            if (lead != null && !lead.equals("I") && !lead.equals("II")) {
                throw BadKeyException.of("lead", "must be \"I\" or \"II\", got \"" + lead + "\"");
            }
        }

        FamilyPlan toPlan(String name) {
            String where = "families." + name;
            Family family;
            try {
                family = Family.parse(name);
            } catch (IllegalArgumentException e) {
                throw BadKeyException.of(where, e.getMessage(), e);
            }
            BaseSpec base = checkpoint != null
                    ? BaseSpec.pretrained(Path.of(checkpoint))
                    : BaseSpec.randomInit(tiny.applyTo(family.preset(), where + ".tiny"));
            return new FamilyPlan(family, base, "II".equals(lead) ? 1 : 0);
        }
    }

    /** The {@code "peft"} object: settings shared by every run of a method. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PeftJson(Double loraDropout, String adapterActivation) {}
}
