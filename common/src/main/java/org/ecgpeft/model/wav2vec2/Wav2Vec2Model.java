package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.List;
import org.ecgpeft.model.nn.Module;

/**
 * The wav2vec2-family encoder (HF {@code Wav2Vec2Model} / {@code HubertModel}, fairseq-signals ECG transformer):
 * <pre>
 * samples [B, C_in, L] -> feature_extractor (conv stack) -> [B, T, conv_dim[-1]]
 *   -> feature_projection (layer norm, linear) -> encoder (positional conv, transformer layers) -> [B, T, hidden]
 * </pre>
 * Parameter names are HF's ({@code feature_extractor.conv_layers.0.conv.weight}, {@code encoder.layers.3.attention.q_proj.weight}).
 * When the config says so the model also owns {@code masked_spec_embed}, the vector HF substitutes for masked
 * frames during pre-training; it is kept so checkpoints load strictly and parameter counts match HF, while
 * SpecAugment-style masking itself is not applied.
 *
 * <p>Mixed precision: the base may be materialized in FP16 (a frozen base under PEFT). Each convolution and Linear
 * then runs in FP16 on its input cast down and returns FP32, so the residual stream, the norms, attention scores and
 * softmax stay FP32, where FP16 would overflow or lose the small differences a norm divides by.
 */
public final class Wav2Vec2Model extends Module {

    private final Wav2Vec2Config config;
    private final FeatureEncoder featureExtractor;
    private final FeatureProjection featureProjection;
    private final Encoder encoder;

    public Wav2Vec2Model(Wav2Vec2Config config) {
        this.config = config;
        this.featureExtractor = register("feature_extractor", new FeatureEncoder(config));
        this.featureProjection = register("feature_projection", new FeatureProjection(config));
        this.encoder = register("encoder", new Encoder(config));
        if (config.maskedSpecEmbed()) {
            parameter("masked_spec_embed", new Shape(config.hiddenSize()), new UniformInitializer(1f));
        }
    }

    public Wav2Vec2Config config() {
        return config;
    }

    /** The transformer layers, where LoRA targets ({@code attention.q_proj} ...) and adapter sites live. */
    public List<EncoderLayer> layers() {
        return encoder.layers();
    }

    /** Seeds the host-side random draws of layer drop (training only). */
    public void seedLayerDrop(long seed) {
        encoder.seedLayerDrop(seed);
    }

    /**
     * Encodes a batch.
     *
     * @param inputValues {@code [B, L]} (single-channel models) or {@code [B, in_channels, L]}
     * @param attentionMask {@code [B, L]}, 1 for real samples and 0 for right padding, or null
     * @param training whether dropouts and layer drop are active
     */
    public Wav2Vec2Output forward(NDArray inputValues, NDArray attentionMask, boolean training) {
        NDArray samples = checkedSamples(inputValues, attentionMask);
        if (attentionMask != null) {
            attentionMask = attentionMask.toDevice(samples.getDevice(), false);
        }
        NDArray features = featureExtractor.forward(samples).transpose(0, 2, 1);
        NDArray frameMask = attentionMask == null
                ? null
                : FrameMask.fromAttentionMask(
                        attentionMask, config, features.getShape().get(1));
        NDArray projected = featureProjection.forward(features, training);
        return encoder.forward(projected, frameMask, training);
    }

    private NDArray checkedSamples(NDArray input, NDArray attentionMask) {
        Shape s = input.getShape();
        NDArray samples;
        if (s.dimension() == 2 && config.inChannels() == 1) {
            samples = input.expandDims(1);
        } else if (s.dimension() == 3 && s.get(1) == config.inChannels()) {
            samples = input;
        } else {
            String expected = config.inChannels() == 1
                    ? "[batch, samples] or [batch, 1, samples]"
                    : "[batch, " + config.inChannels() + ", samples]";
            throw new IllegalArgumentException("input must be " + expected + ", got " + s);
        }
        long length = samples.getShape().get(2);
        if (config.framesFor(length) < 1) {
            throw new IllegalArgumentException("input of " + length + " samples is shorter than one frame of the "
                    + "feature extractor (kernels " + config.convKernel() + ", strides " + config.convStride() + ")");
        }
        if (attentionMask != null && !attentionMask.getShape().equals(new Shape(s.get(0), length))) {
            throw new IllegalArgumentException("attention_mask must be [batch, samples] = [" + s.get(0) + ", " + length
                    + "], got " + attentionMask.getShape());
        }
        // Callers may hand host arrays to a GPU model. The activations stay FP32 whatever the weights' dtype: FP16
        // frozen weights compute inside each convolution and Linear, norms and attention keep full precision.
        NDArray placed = samples.toDevice(featureExtractor.firstWeight().getDevice(), false);
        return placed.getDataType() == DataType.FLOAT32 ? placed : placed.toType(DataType.FLOAT32, false);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training)
                .hiddenStates());
    }
}
