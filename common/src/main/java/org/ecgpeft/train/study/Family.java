package org.ecgpeft.train.study;

import java.util.Arrays;
import java.util.List;
import org.ecgpeft.model.wav2vec2.EcgFmForSequenceClassification;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Classifier;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.ecgpeft.model.wav2vec2.Wav2Vec2ForSequenceClassification;

/**
 * A model family of the PEFT study: its name in configs and tables, its architecture preset (what a
 * {@code "tiny"} config overrides) and its classification head (the modules trained in full next to the PEFT
 * weights).
 */
public enum Family {
    /** {@code facebook/wav2vec2-base} with HF's sequence-classification head. */
    WAV2VEC2("wav2vec2", List.of("projector", "classifier")),
    /** {@code facebook/hubert-base-ls960} with HF's sequence-classification head. */
    HUBERT("hubert", List.of("projector", "classifier")),
    /** ECG-FM with the fairseq-signals mean-pool head. */
    ECGFM("ecgfm", List.of("classifier"));

    private final String key;
    private final List<String> headModules;

    Family(String key, List<String> headModules) {
        this.key = key;
        this.headModules = headModules;
    }

    /** The name used in configs, run ids and the {@code ecg_models.family} column. */
    public String key() {
        return key;
    }

    /** The head's module names (peft's {@code modules_to_save}). */
    public List<String> headModules() {
        return headModules;
    }

    /** The real base architecture with a fresh two-class head. */
    public Wav2Vec2Config preset() {
        return switch (this) {
            case WAV2VEC2 -> Wav2Vec2Config.wav2vec2Base();
            case HUBERT -> Wav2Vec2Config.hubertBaseLs960();
            case ECGFM -> Wav2Vec2Config.ecgFm();
        };
    }

    /** The encoder's model type as the config must carry it ({@code ecg_fm} for ECG-FM). */
    public String modelType() {
        return preset().modelType();
    }

    /** A classifier of this family's head kind over {@code config} (not materialized). */
    public Wav2Vec2Classifier newClassifier(Wav2Vec2Config config) {
        if (!config.modelType().equals(modelType())) {
            throw new IllegalArgumentException(
                    "family " + key + " needs model_type " + modelType() + ", got " + config.modelType());
        }
        return this == ECGFM
                ? new EcgFmForSequenceClassification(config)
                : new Wav2Vec2ForSequenceClassification(config);
    }

    /** Parses a family name ({@code wav2vec2}, {@code hubert}, {@code ecgfm}). */
    public static Family parse(String key) {
        return Arrays.stream(values())
                .filter(f -> f.key.equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model family '" + key + "' (known: "
                        + Arrays.stream(values()).map(Family::key).toList() + ")"));
    }
}
