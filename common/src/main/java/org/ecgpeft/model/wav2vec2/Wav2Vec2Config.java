package org.ecgpeft.model.wav2vec2;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Architecture of one wav2vec2-family encoder (wav2vec2, HuBERT, ECG-FM) and its classification head, with
 * HF {@code config.json} meaning for every field.
 *
 * @param modelType {@code wav2vec2}, {@code hubert} or {@code ecg_fm}; also the base model's name prefix in a
 *     classifier checkpoint ({@code wav2vec2.encoder...})
 * @param inChannels input channels: 1 for audio, 12 for ECG-FM's leads
 * @param conv the feature extractor's (conv_dim, conv_kernel, conv_stride) layers
 * @param convBias whether the feature extractor's convolutions have a bias
 * @param featExtractNorm {@code group} (GroupNorm in the first conv layer only) or {@code layer} (LayerNorm
 *     after every conv layer)
 * @param featExtractActivation activation after each conv layer and after the positional convolution
 * @param featProjLayerNorm whether the feature projection normalises before projecting (HuBERT may not)
 * @param doStableLayerNorm pre-LN ("stable", wav2vec2-large-lv60) instead of post-LN layers
 * @param maskedSpecEmbed whether the model owns {@code masked_spec_embed} (HF: mask_time_prob or
 *     mask_feature_prob above 0)
 * @param useWeightedLayerSum whether the classifier pools a softmax-weighted sum of all hidden states
 * @param classifierProjSize width of the HF classifier's {@code projector}
 * @param numLabels number of classes
 * @param samplingRate expected input sampling rate in Hz
 */
public record Wav2Vec2Config(
        String modelType,
        int inChannels,
        ConvStack conv,
        boolean convBias,
        String featExtractNorm,
        String featExtractActivation,
        boolean featProjLayerNorm,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        String hiddenAct,
        float layerNormEps,
        int numConvPosEmbeddings,
        int numConvPosEmbeddingGroups,
        boolean doStableLayerNorm,
        boolean maskedSpecEmbed,
        boolean useWeightedLayerSum,
        int classifierProjSize,
        int numLabels,
        Dropouts dropouts,
        int samplingRate) {

    /** Model types this encoder implements. */
    public static final Set<String> MODEL_TYPES = Set.of("wav2vec2", "hubert", "ecg_fm");

    /** Validates every field, naming the HF config key at fault. */
    public Wav2Vec2Config {
        Objects.requireNonNull(conv, "conv_dim/conv_kernel/conv_stride");
        Objects.requireNonNull(dropouts, "dropouts");
        if (!MODEL_TYPES.contains(modelType)) {
            throw new IllegalArgumentException("model_type must be one of " + MODEL_TYPES + ", got " + modelType);
        }
        if (!"group".equals(featExtractNorm) && !"layer".equals(featExtractNorm)) {
            throw new IllegalArgumentException("feat_extract_norm must be 'group' or 'layer', got " + featExtractNorm);
        }
        Objects.requireNonNull(featExtractActivation, "feat_extract_activation");
        Objects.requireNonNull(hiddenAct, "hidden_act");
        positive("in_channels", inChannels);
        for (int i = 0; i < conv.dims().size(); i++) {
            positive("conv_dim[" + i + "]", conv.dims().get(i));
            positive("conv_kernel[" + i + "]", conv.kernels().get(i));
            positive("conv_stride[" + i + "]", conv.strides().get(i));
        }
        positive("hidden_size", hiddenSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("intermediate_size", intermediateSize);
        positive("num_conv_pos_embeddings", numConvPosEmbeddings);
        positive("num_conv_pos_embedding_groups", numConvPosEmbeddingGroups);
        positive("classifier_proj_size", classifierProjSize);
        positive("num_labels", numLabels);
        positive("sampling_rate", samplingRate);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException(
                    "hidden_size " + hiddenSize + " is not divisible by num_attention_heads " + numAttentionHeads);
        }
        if (hiddenSize % numConvPosEmbeddingGroups != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize
                    + " is not divisible by num_conv_pos_embedding_groups " + numConvPosEmbeddingGroups);
        }
        if (!(layerNormEps > 0f)) {
            throw new IllegalArgumentException("layer_norm_eps must be positive, got " + layerNormEps);
        }
    }

    public List<Integer> convDim() {
        return conv.dims();
    }

    public List<Integer> convKernel() {
        return conv.kernels();
    }

    public List<Integer> convStride() {
        return conv.strides();
    }

    /** Channels of the last conv layer, the feature projection's input width. */
    public int extractedDim() {
        return conv.dims().get(conv.dims().size() - 1);
    }

    /** Input samples per output frame (the product of the conv strides): 320 for wav2vec2-base, 16 for ECG-FM. */
    public int totalStride() {
        return conv.strides().stream().reduce(1, (a, b) -> a * b);
    }

    /** Frames the feature extractor yields for {@code samples} input samples (HF {@code _get_feat_extract_output_lengths}). */
    public long framesFor(long samples) {
        long length = samples;
        for (int i = 0; i < conv.kernels().size(); i++) {
            length =
                    Math.floorDiv(length - conv.kernels().get(i), conv.strides().get(i)) + 1;
        }
        return Math.max(length, 0);
    }

    /** The same architecture with another number of classes (a fresh head for fine-tuning). */
    public Wav2Vec2Config withNumLabels(int labels) {
        return with(numHiddenLayers, labels, dropouts);
    }

    /** The same architecture with other dropout rates (e.g. none for inference). */
    public Wav2Vec2Config withDropouts(Dropouts rates) {
        return with(numHiddenLayers, numLabels, rates);
    }

    /** Reads an HF {@code config.json} (and a sibling {@code preprocessor_config.json} for the sampling rate). */
    public static Wav2Vec2Config fromHfConfig(Path configJson) throws IOException {
        return HfConfigReader.read(configJson);
    }

    /** Builds the config of a fairseq-signals ECG transformer from its checkpoint's {@code cfg} dict. */
    public static Wav2Vec2Config fromFairseqCfg(Map<String, Object> cfg) {
        return FairseqConfigReader.read(cfg);
    }

    /** {@code facebook/wav2vec2-base}: 16 kHz audio, 7 convs (total stride 320), 12 post-LN layers of 768. */
    public static Wav2Vec2Config wav2vec2Base() {
        return audioBase("wav2vec2");
    }

    /** {@code facebook/hubert-base-ls960}: the same shape as wav2vec2-base. */
    public static Wav2Vec2Config hubertBaseLs960() {
        return audioBase("hubert");
    }

    /**
     * ECG-FM (fairseq-signals {@code ecg_transformer}): 12 leads at 500 Hz, conv {@code [(256, 2, 2)] * 4},
     * 12 post-LN layers of 768, positional conv 128 wide in 16 groups.
     */
    public static Wav2Vec2Config ecgFm() {
        return base("ecg_fm", 12, "[(256, 2, 2)] * 4", false, new Dropouts(0.1f, 0.0f, 0.1f, 0.1f, 0.0f, 0.0f), 500);
    }

    /** The same model with {@code layers} transformer layers: the real width at a depth that fits a small machine. */
    public Wav2Vec2Config withNumHiddenLayers(int layers) {
        return with(layers, numLabels, dropouts);
    }

    /** This config with the fields the withers change replaced; every other field is kept. */
    private Wav2Vec2Config with(int layers, int labels, Dropouts rates) {
        return new Wav2Vec2Config(
                modelType,
                inChannels,
                conv,
                convBias,
                featExtractNorm,
                featExtractActivation,
                featProjLayerNorm,
                hiddenSize,
                layers,
                numAttentionHeads,
                intermediateSize,
                hiddenAct,
                layerNormEps,
                numConvPosEmbeddings,
                numConvPosEmbeddingGroups,
                doStableLayerNorm,
                maskedSpecEmbed,
                useWeightedLayerSum,
                classifierProjSize,
                labels,
                rates,
                samplingRate);
    }

    private static Wav2Vec2Config audioBase(String type) {
        return base(
                type,
                1,
                "[(512, 10, 5)] + [(512, 3, 2)] * 4 + [(512, 2, 2)] * 2",
                true,
                new Dropouts(0.1f, 0.0f, 0.1f, 0.1f, 0.0f, 0.1f),
                16000);
    }

    /** A base-size encoder: 12 post-LN GELU layers of 768 (3072 inner), positional conv 128 wide in 16 groups. */
    private static Wav2Vec2Config base(
            String type, int inChannels, String conv, boolean maskedSpecEmbed, Dropouts dropouts, int samplingRate) {
        return new Wav2Vec2Config(
                type,
                inChannels,
                ConvStack.parse(conv),
                false,
                "group",
                "gelu",
                true,
                768,
                12,
                12,
                3072,
                "gelu",
                1e-5f,
                128,
                16,
                false,
                maskedSpecEmbed,
                false,
                256,
                2,
                dropouts,
                samplingRate);
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }
}
