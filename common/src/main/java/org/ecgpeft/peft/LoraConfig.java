package org.ecgpeft.peft;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * LoRA hyper-parameters with HF peft's meaning. {@code targetModules} (a list of module names) or
 * {@code targetRegex} (a regular expression, peft's string form of {@code target_modules}) selects the
 * {@code Linear} layers; exactly one of them is given.
 *
 * @param r rank of the update
 * @param loraAlpha scaling numerator: the update is scaled by {@code alpha / r} ({@code alpha / sqrt(r)} with rsLoRA)
 * @param loraDropout dropout on the LoRA branch input, in [0, 1)
 * @param targetModules module names; a module matches if its dotted name equals one or ends with {@code "." + name}
 * @param targetRegex regular expression that must match a module's whole dotted name; null when names are given
 * @param useRslora rank-stabilised scaling {@code alpha / sqrt(r)}
 * @param modulesToSave modules trained in full and saved with the adapter (e.g. the classification head)
 * @param bias peft's bias mode; only {@code "none"} is supported
 * @param taskType peft's {@code task_type} (e.g. {@code CAUSAL_LM}), or null
 * @param baseModelNameOrPath the base model's id, or null
 * @param autoMapping peft's {@code auto_mapping} (base model class and library), or null
 */
public record LoraConfig(
        int r,
        double loraAlpha,
        double loraDropout,
        List<String> targetModules,
        String targetRegex,
        boolean useRslora,
        List<String> modulesToSave,
        String bias,
        String taskType,
        String baseModelNameOrPath,
        Map<String, String> autoMapping) {

    public LoraConfig {
        if (r <= 0) {
            throw new IllegalArgumentException("r must be positive, got " + r);
        }
        if (!(loraAlpha > 0) || Double.isInfinite(loraAlpha)) {
            throw new IllegalArgumentException("lora_alpha must be a positive finite number, got " + loraAlpha);
        }
        if (!(loraDropout >= 0 && loraDropout < 1)) {
            throw new IllegalArgumentException("lora_dropout must be in [0, 1), got " + loraDropout);
        }
        targetModules = targetModules == null ? List.of() : List.copyOf(targetModules);
        if (targetModules.isEmpty() == (targetRegex == null)) {
            throw new IllegalArgumentException("give exactly one of target_modules as names or as a regex" + " (names "
                    + targetModules + ", regex " + targetRegex + ")");
        }
        if (targetModules.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("target_modules contains a blank name: " + targetModules);
        }
        if (targetRegex != null) {
            Pattern.compile(targetRegex);
        }
        modulesToSave = modulesToSave == null ? List.of() : List.copyOf(modulesToSave);
        if (modulesToSave.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("modules_to_save contains a blank name: " + modulesToSave);
        }
        if (!"none".equals(bias)) {
            throw new IllegalArgumentException(
                    "bias must be \"none\" (LoRA bias training is not supported), got " + bias);
        }
        autoMapping = autoMapping == null ? null : Map.copyOf(autoMapping);
    }

    /** A config with peft's defaults for everything but rank, alpha, dropout, targets and saved modules. */
    public static LoraConfig of(
            int r, double loraAlpha, double loraDropout, List<String> targetModules, List<String> modulesToSave) {
        return new LoraConfig(
                r, loraAlpha, loraDropout, targetModules, null, false, modulesToSave, "none", null, null, null);
    }

    /** The factor applied to {@code B A x}: {@code alpha / r}, or {@code alpha / sqrt(r)} with rsLoRA. */
    public double scale() {
        return useRslora ? loraAlpha / Math.sqrt(r) : loraAlpha / r;
    }

    /** Whether the module with this dotted name is a LoRA target (peft's {@code check_target_module_exists}). */
    public boolean targets(String moduleName) {
        if (targetRegex != null) {
            return Pattern.matches(targetRegex, moduleName);
        }
        return ModuleNames.matchesAny(moduleName, targetModules);
    }
}
