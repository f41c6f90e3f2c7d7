package org.ecgpeft.model.wav2vec2;

/**
 * The tiny encoder configs the wav2vec2 tests build (2 layers of 32, 4 heads, a 3-conv extractor over 16 kHz
 * audio); a test sets only the fields its case is about, so each case reads as its difference from this one.
 */
final class TinyConfig {

    private String modelType = "wav2vec2";
    private int inChannels = 1;
    private ConvStack conv = ConvStack.parse("[(16, 10, 5)] + [(16, 3, 2)] * 2");
    private boolean convBias;
    private String featExtractNorm = "group";
    private int numHiddenLayers = 2;
    private boolean doStableLayerNorm;
    private boolean maskedSpecEmbed;
    private boolean useWeightedLayerSum;
    private int classifierProjSize = 16;
    private int numLabels = 2;
    private Dropouts dropouts = Dropouts.none();
    private int samplingRate = 16_000;

    TinyConfig modelType(String value) {
        modelType = value;
        return this;
    }

    TinyConfig inChannels(int value) {
        inChannels = value;
        return this;
    }

    TinyConfig conv(ConvStack value) {
        conv = value;
        return this;
    }

    TinyConfig convBias(boolean value) {
        convBias = value;
        return this;
    }

    TinyConfig featExtractNorm(String value) {
        featExtractNorm = value;
        return this;
    }

    TinyConfig numHiddenLayers(int value) {
        numHiddenLayers = value;
        return this;
    }

    TinyConfig doStableLayerNorm(boolean value) {
        doStableLayerNorm = value;
        return this;
    }

    TinyConfig maskedSpecEmbed(boolean value) {
        maskedSpecEmbed = value;
        return this;
    }

    TinyConfig useWeightedLayerSum(boolean value) {
        useWeightedLayerSum = value;
        return this;
    }

    TinyConfig classifierProjSize(int value) {
        classifierProjSize = value;
        return this;
    }

    TinyConfig numLabels(int value) {
        numLabels = value;
        return this;
    }

    TinyConfig dropouts(Dropouts value) {
        dropouts = value;
        return this;
    }

    TinyConfig samplingRate(int value) {
        samplingRate = value;
        return this;
    }

    Wav2Vec2Config build() {
        return new Wav2Vec2Config(
                modelType,
                inChannels,
                conv,
                convBias,
                featExtractNorm,
                "gelu",
                true,
                32,
                numHiddenLayers,
                4,
                64,
                "gelu",
                1e-5f,
                16,
                4,
                doStableLayerNorm,
                maskedSpecEmbed,
                useWeightedLayerSum,
                classifierProjSize,
                numLabels,
                dropouts,
                samplingRate);
    }
}
