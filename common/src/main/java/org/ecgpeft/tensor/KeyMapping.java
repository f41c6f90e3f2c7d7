package org.ecgpeft.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Renames checkpoint keys to module (parameter) names. Steps, in order: keys matching an ignore
 * pattern map to empty; the first matching prefix to strip is removed; legacy weight-norm names
 * ({@code weight_g}/{@code weight_v}) and {@code parametrizations.weight.original0/1} are converted
 * in the configured direction; regex rules apply in order; the prefix to add is prepended.
 * Immutable; build with {@link #builder()}.
 */
public final class KeyMapping {

    /** Direction of the weight-norm name conversion. */
    public enum WeightNorm {
        /** Leave weight-norm names alone. */
        KEEP,
        /** {@code weight_g -> parametrizations.weight.original0}, {@code weight_v -> ...original1}. */
        TO_PARAMETRIZATIONS,
        /** {@code parametrizations.weight.original0 -> weight_g}, {@code ...original1 -> weight_v}. */
        TO_LEGACY
    }

    private record Rule(Pattern pattern, String replacement) {}

    private static final Pattern LEGACY_G = Pattern.compile("(^|\\.)weight_g$");
    private static final Pattern LEGACY_V = Pattern.compile("(^|\\.)weight_v$");
    private static final Pattern PARAM_G = Pattern.compile("(^|\\.)parametrizations\\.weight\\.original0$");
    private static final Pattern PARAM_V = Pattern.compile("(^|\\.)parametrizations\\.weight\\.original1$");

    private final List<Pattern> ignore;
    private final List<String> stripPrefixes;
    private final WeightNorm weightNorm;
    private final List<Rule> rules;
    private final String addPrefix;

    private KeyMapping(Builder b) {
        this.ignore = List.copyOf(b.ignore);
        this.stripPrefixes = List.copyOf(b.stripPrefixes);
        this.weightNorm = b.weightNorm;
        this.rules = List.copyOf(b.rules);
        this.addPrefix = b.addPrefix;
    }

    /** A mapping that keeps every key. */
    public static KeyMapping identity() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The module name for {@code checkpointKey}, or empty when the key is to be ignored. */
    public Optional<String> map(String checkpointKey) {
        for (Pattern p : ignore) {
            if (p.matcher(checkpointKey).find()) {
                return Optional.empty();
            }
        }
        String key = checkpointKey;
        for (String prefix : stripPrefixes) {
            if (key.startsWith(prefix)) {
                key = key.substring(prefix.length());
                break;
            }
        }
        key = switch (weightNorm) {
            case KEEP -> key;
            case TO_PARAMETRIZATIONS ->
                LEGACY_V.matcher(LEGACY_G.matcher(key).replaceFirst("$1parametrizations.weight.original0"))
                        .replaceFirst("$1parametrizations.weight.original1");
            case TO_LEGACY ->
                PARAM_V.matcher(PARAM_G.matcher(key).replaceFirst("$1weight_g")).replaceFirst("$1weight_v");
        };
        for (Rule rule : rules) {
            key = rule.pattern().matcher(key).replaceAll(rule.replacement());
        }
        return Optional.of(addPrefix + key);
    }

    /** Builds a {@link KeyMapping}. */
    public static final class Builder {
        private final List<Pattern> ignore = new ArrayList<>();
        private final List<String> stripPrefixes = new ArrayList<>();
        private WeightNorm weightNorm = WeightNorm.KEEP;
        private final List<Rule> rules = new ArrayList<>();
        private String addPrefix = "";

        private Builder() {}

        /** Ignores checkpoint keys in which {@code regex} is found (e.g. {@code "^quantizer\\."}). */
        public Builder ignore(String regex) {
            ignore.add(Pattern.compile(Objects.requireNonNull(regex, "regex")));
            return this;
        }

        /** Removes {@code prefix} from keys that start with it; with several, the first match wins. */
        public Builder stripPrefix(String prefix) {
            if (prefix == null || prefix.isEmpty()) {
                throw new IllegalArgumentException("stripPrefix: prefix must be non-empty");
            }
            stripPrefixes.add(prefix);
            return this;
        }

        /** Prepends {@code prefix} to every mapped key. */
        public Builder addPrefix(String prefix) {
            this.addPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** Converts weight-norm names in the given direction. */
        public Builder weightNorm(WeightNorm direction) {
            this.weightNorm = Objects.requireNonNull(direction, "direction");
            return this;
        }

        /** Replaces every match of {@code regex} by {@code replacement} (with {@code $1} groups). */
        public Builder rename(String regex, String replacement) {
            rules.add(new Rule(
                    Pattern.compile(Objects.requireNonNull(regex, "regex")),
                    Objects.requireNonNull(replacement, "replacement")));
            return this;
        }

        public KeyMapping build() {
            return new KeyMapping(this);
        }
    }
}
